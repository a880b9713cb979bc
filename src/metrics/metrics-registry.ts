import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's one Prometheus registry: Suara's own series (src/metrics/metrics.ts) and the default
 * process metrics (CPU, memory, event-loop lag, handles). Module-level because a process is one
 * Prometheus target, whether it runs the API, the workers or both.
 */
export const metricsRegistry = new Registry();

collectDefaultMetrics({ register: metricsRegistry });
