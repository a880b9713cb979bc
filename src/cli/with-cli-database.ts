import { type Config, loadConfig } from '../config.js';
import { createDatabase, type Db } from '../db/database.js';
import { describeDatabaseFailure } from './describe-database-failure.js';

export interface CliDatabase {
  config: Config;
  db: Db;
}

/**
 * Loads the configuration, opens the database for one piece of command-line work and closes it after.
 * Bad configuration or a database failure becomes one line on stderr and exit code 1, never a stack trace.
 */
export async function withCliDatabase(
  command: string,
  work: (context: CliDatabase) => Promise<number>,
): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(loaded.error);
    return 1;
  }
  const url = loaded.config.DATABASE_URL;
  const database = createDatabase(url, { max: 1 });
  try {
    return await work({ config: loaded.config, db: database.db });
  } catch (error) {
    console.error(describeDatabaseFailure(command, url, error));
    return 1;
  } finally {
    await database.close();
  }
}
