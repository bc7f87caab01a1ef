import { readFileSync } from 'node:fs';

const DIR = new URL('../fixtures/', import.meta.url);

/** The raw text of a file in libs/smm-protocol/fixtures, exactly as a panel would send it. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, DIR), 'utf8');
}
