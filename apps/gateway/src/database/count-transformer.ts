import type { ValueTransformer } from 'typeorm';

/** BIGINT comes back from PostgreSQL as a string; the counts stored there fit a safe JS integer. */
export const countTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
