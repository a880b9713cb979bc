import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createServices } from '../runtime/create-services.js';
import { createTriageRuntime, type TriageRuntime } from '../runtime/create-triage-runtime.js';
import { loadDomain } from '../runtime/load-domain.js';
import { describeDatabaseFailure } from './describe-database-failure.js';

/**
 * The workspace's services for one piece of command-line work (partners, exports), closed after.
 * Bad configuration or a database failure becomes one line on stderr and exit code 1.
 */
export async function withCliWorkspace(
  command: string,
  work: (workspace: TriageRuntime) => Promise<number>,
): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(loaded.error);
    return 1;
  }
  const logger = createLogger({ level: 'warn', production: true, destination: process.stderr });
  const services = createServices(loaded.config, logger);
  const domain = await loadDomain(loaded.config, logger);
  try {
    return await work(createTriageRuntime(services, domain));
  } catch (error) {
    console.error(describeDatabaseFailure(command, loaded.config.DATABASE_URL, error));
    return 1;
  } finally {
    domain.close();
    await services.close();
  }
}
