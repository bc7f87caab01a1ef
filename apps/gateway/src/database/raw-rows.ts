import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from a row read with plain SQL (`SELECT *` or `RETURNING *`), converted column by
 * column exactly as TypeORM converts the rows it loads itself (dates, booleans, transformers).
 * For hot paths where a repository call would cost more than the statement.
 */
export function hydrate<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = m.connection.getMetadata(target);
  const driver = m.connection.driver;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!(column.databaseName in row)) continue;
    column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return entity;
}
