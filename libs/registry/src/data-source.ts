import { DataSource } from 'typeorm';
import { databaseOptionsFromUrl, databaseUrlFromEnv } from './database.config';

/**
 * The one data source for the CLI and the TypeORM CLI
 * (`typeorm -d dist/libs/registry/src/data-source.js migration:run`), built from
 * DATABASE_URL like the gateway's. Constructing it opens nothing.
 */
export default new DataSource(databaseOptionsFromUrl(databaseUrlFromEnv()));
