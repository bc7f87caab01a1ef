import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

interface Plan {
  readonly metadata: EntityMetadata;
  /** The entity's columns by database name. */
  readonly columns: ReadonlyMap<string, ColumnMetadata>;
}

/** Per data source and entity (metadata never changes once the data source is built). */
const plans = new WeakMap<DataSource, Map<EntityTarget<unknown>, Plan>>();

function planOf(source: DataSource, target: EntityTarget<unknown>): Plan {
  let byTarget = plans.get(source);
  if (!byTarget) plans.set(source, (byTarget = new Map()));
  let plan = byTarget.get(target);
  if (!plan) {
    const metadata = source.getMetadata(target);
    plan = { metadata, columns: new Map(metadata.columns.map((c) => [c.databaseName, c])) };
    byTarget.set(target, plan);
  }
  return plan;
}

/**
 * An entity from a row read with plain SQL (`SELECT *`, a column list, or `RETURNING *`),
 * converted column by column exactly as TypeORM converts the rows it loads itself (dates,
 * booleans, transformers). For hot paths where a repository call would cost more than the
 * statement. Only the row's columns are set.
 */
export function hydrate<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const source = m.connection;
  const { metadata, columns } = planOf(source, target);
  const driver = source.driver;
  const entity = metadata.create() as T;
  for (const name in row) {
    const column = columns.get(name);
    if (column) column.setEntityValue(entity, driver.prepareHydratedValue(row[name], column));
  }
  return entity;
}
