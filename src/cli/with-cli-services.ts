import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createServices, type Services } from '../runtime/create-services.js';
import { describeDatabaseFailure } from './describe-database-failure.js';

/**
 * The process's services (database, Redis, queues, cipher) for one piece of command-line work, closed
 * after. Bad configuration or a database failure becomes one line on stderr and exit code 1.
 */
export async function withCliServices(
  command: string,
  work: (services: Services) => Promise<number>,
): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(loaded.error);
    return 1;
  }
  const logger = createLogger({ level: 'warn', production: true, destination: process.stderr });
  const services = createServices(loaded.config, logger);
  try {
    return await work(services);
  } catch (error) {
    console.error(describeDatabaseFailure(command, loaded.config.DATABASE_URL, error));
    return 1;
  } finally {
    await services.close();
  }
}
