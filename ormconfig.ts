import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigFromProcess } from './apps/gateway/src/config/load-env.js';
import { dataSourceOptions } from './apps/gateway/src/database/data-source-options.js';

/**
 * The DataSource the TypeORM CLI uses (npm run migration:run / migration:show); the app builds its
 * own from the same dataSourceOptions(), so both see one configuration and one migration list.
 */
export default new DataSource(dataSourceOptions(loadConfigFromProcess().database));
