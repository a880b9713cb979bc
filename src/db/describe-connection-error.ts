/** Turns a driver error into one line that says where we tried and how to fix it. */
export function describeConnectionError(service: 'Postgres' | 'Redis', url: string, error: unknown): string {
  const where = safeLocation(url);
  const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
  const reason = error instanceof Error ? error.message : String(error);
  const hint =
    service === 'Postgres'
      ? 'Start Postgres (e.g. `pg_ctlcluster 16 main start`, `service postgresql start` or `docker compose up -d postgres`) or set DATABASE_URL.'
      : 'Start Redis (e.g. `redis-server --daemonize yes` or `docker compose up -d redis`) or set REDIS_URL.';
  return `Cannot reach ${service} at ${where}${code ? ` (${code})` : ''}: ${reason}. ${hint}`;
}

/** host:port/database without credentials. */
export function safeLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('redis') ? '6379' : '5432')}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
