import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';

describe('createLogger', () => {
  it('redacts phone numbers, bodies and credentials wherever they are nested', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', production: true, destination });
    logger.info({ From: '+6281299990000', Body: 'ada PETI di desa kami' }, 'twilio form');
    logger.info({ message: { from: '+6281299990001', body: 'tambang ilegal', to: '+1500' } }, 'nested');
    logger.info({ twilio: { authToken: 'tok-secret' }, address: '+6281299990002' }, 'config');
    const text = lines.join('');
    expect(lines).toHaveLength(3);
    for (const secret of [
      '81299990000',
      '81299990001',
      '81299990002',
      'PETI',
      'tambang ilegal',
      'tok-secret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});
