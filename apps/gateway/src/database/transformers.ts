import { Decimal } from 'decimal.js';
import type { ValueTransformer } from 'typeorm';

/** JSON kept in a TEXT column on both engines. */
export const jsonTransformer: ValueTransformer = {
  to: (value: unknown) => (value === null || value === undefined ? value : JSON.stringify(value)),
  from: (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value),
};

/** Already canonical decimal text (as SQLite stores it): no need to parse it (a hot path of reads). */
const CANONICAL = /^(0|-?[1-9]\d*(\.\d*[1-9])?|-?0\.\d*[1-9])$/;

/**
 * Exact money: a canonical decimal string in the entity (never a JS number). PostgreSQL NUMERIC
 * comes back as a string with trailing zeros; SQLite TEXT as written. Both normalize to the same text.
 */
export const moneyTransformer: ValueTransformer = {
  to: (value: string | Decimal | null | undefined) =>
    value === null || value === undefined ? value : new Decimal(value).toFixed(),
  from: (value: string | null) =>
    value === null ? null : CANONICAL.test(value) ? value : new Decimal(value).toFixed(),
};

/** Column options for a money column (use with @Column). */
export const moneyColumn = (name: string, nullable = false) =>
  ({
    name,
    type: 'varchar' as const,
    nullable,
    transformer: moneyTransformer,
  }) as const;
