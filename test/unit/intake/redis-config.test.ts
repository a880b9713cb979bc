import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

const base = { NODE_ENV: 'test', PII_KEY: 'a'.repeat(64) };

describe('Redis deployment settings', () => {
  it('changes nothing when no sentinel is named', () => {
    const result = loadConfig(base);
    expect(result.ok && result.config.REDIS_SENTINELS).toBeUndefined();
    expect(result.ok && result.config.QUEUE_PREFIX).toBe('suara');
    expect(result.ok && result.config.REDIS_WAIT_REPLICAS).toBe(0);
  });

  it('reads the sentinels as host and port pairs, with the master name', () => {
    const result = loadConfig({
      ...base,
      REDIS_SENTINELS: '10.0.0.1:26379, 10.0.0.2:26380,redis-3.internal:26379',
      REDIS_SENTINEL_NAME: 'suara-prod',
      REDIS_WAIT_REPLICAS: '1',
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.config.REDIS_SENTINELS).toEqual([
      { host: '10.0.0.1', port: 26379 },
      { host: '10.0.0.2', port: 26380 },
      { host: 'redis-3.internal', port: 26379 },
    ]);
    expect(result.config.REDIS_SENTINEL_NAME).toBe('suara-prod');
    expect(result.config.REDIS_WAIT_REPLICAS).toBe(1);
  });

  it('refuses a sentinel list it cannot read, saying how to write it', () => {
    expect(loadConfig({ ...base, REDIS_SENTINELS: '10.0.0.1' })).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Invalid REDIS_SENTINELS: write host:port pairs .*e\.g\. 10\.0\.0\.1:26379/,
      ),
    });
  });

  it('takes a hash-tagged queue prefix and refuses a half-tagged one', () => {
    const tagged = loadConfig({ ...base, QUEUE_PREFIX: '{suara}' });
    expect(tagged.ok && tagged.config.QUEUE_PREFIX).toBe('{suara}');
    expect(loadConfig({ ...base, QUEUE_PREFIX: '{suara' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid QUEUE_PREFIX: .*\{suara\}/),
    });
  });
});
