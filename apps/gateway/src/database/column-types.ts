import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Column types for migrations written once for both engines. Money is exact: NUMERIC on
 * PostgreSQL, TEXT holding a canonical decimal on SQLite (which has no decimal type; REAL would
 * round). Arithmetic on money happens in decimal.js, never in SQL on SQLite.
 */
export interface ColumnTypes {
  readonly money: string;
  readonly timestamp: string;
  readonly json: string;
  readonly bigint: string;
  readonly postgres: boolean;
  readonly autoId: {
    type: string;
    isPrimary: true;
    isGenerated: true;
    generationStrategy: 'increment';
  };
}

export function columnTypes(source: QueryRunner | DataSource): ColumnTypes {
  const type = ('connection' in source ? source.connection : source).options.type;
  const postgres = type === 'postgres';
  return {
    money: postgres ? 'numeric(38,12)' : 'text',
    timestamp: postgres ? 'timestamptz' : 'datetime',
    json: 'text',
    bigint: postgres ? 'bigint' : 'integer',
    postgres,
    autoId: {
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    },
  };
}
