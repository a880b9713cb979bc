import Fastify, { type FastifyBaseLogger } from 'fastify';
import { describeError } from '../describe-error.js';
import { errorHandler } from '../http/error-handler.js';
import { type MetricsDeps, registerMetrics } from '../http/plugins/register-metrics.js';
import type { Logger } from '../logger.js';

export interface MetricsServer {
  /** Where it listens, e.g. http://127.0.0.1:9464. */
  address: string;
  close(): Promise<void>;
}

/**
 * `/metrics` for a process without the HTTP API (`suara worker`), on its own port. A port already
 * taken (a second worker on the machine without its own METRICS_PORT) is logged, not fatal: sending
 * replies matters more than being scraped.
 */
export async function startMetricsServer(
  deps: MetricsDeps & { logger: Logger },
  listen: { host: string; port: number },
): Promise<MetricsServer | null> {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({ loggerInstance });
  app.setErrorHandler(errorHandler);
  await registerMetrics(app, deps);
  let address: string;
  try {
    address = await app.listen(listen);
  } catch (error) {
    deps.logger.error(
      { err: describeError(error), port: listen.port },
      'metrics server not started; set METRICS_PORT to a free port (0 turns it off)',
    );
    await app.close();
    return null;
  }
  deps.logger.info({ address }, 'metrics served at /metrics');
  return { address, close: () => app.close() };
}
