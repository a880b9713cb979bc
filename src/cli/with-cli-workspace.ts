import { createTriageRuntime, type TriageRuntime } from '../runtime/create-triage-runtime.js';
import { loadDomain } from '../runtime/load-domain.js';
import { withCliServices } from './with-cli-services.js';

/** The workspace's services (partners, exports) for one piece of command-line work, closed after. */
export function withCliWorkspace(
  command: string,
  work: (workspace: TriageRuntime) => Promise<number>,
): Promise<number> {
  return withCliServices(command, async (services) => {
    const domain = await loadDomain(services.config, services.logger);
    try {
      return await work(createTriageRuntime(services, domain));
    } finally {
      domain.close();
    }
  });
}
