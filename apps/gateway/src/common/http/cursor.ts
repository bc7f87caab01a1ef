import { DomainError } from '../errors/domain-error.js';

/**
 * Keyset pagination over an ascending integer id, newest first: the cursor is the last id
 * served, encoded so clients treat it as opaque.
 */
export function encodeCursor(lastId: number): string {
  return Buffer.from(`id:${lastId}`, 'utf8').toString('base64url');
}

/** The id a cursor continues after; undefined for the first page. Bad cursors are a 400. */
export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  const match = /^id:([1-9]\d{0,14})$/.exec(text);
  if (!match) throw new DomainError('invalid_cursor', 'The cursor is not one this API returned.');
  return Number(match[1]);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cuts a `limit + 1` fetch into a page and the cursor of the next one. */
export function toPage<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
