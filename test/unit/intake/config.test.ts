import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

const keyFile = () => join(mkdtempSync(join(tmpdir(), 'suara-config-')), 'pii-key');

describe('loadConfig', () => {
  it('runs with no configuration at all outside production, generating and reusing a PII key', () => {
    const file = keyFile();
    const first = loadConfig({ PII_KEY_FILE: file });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.config.PORT).toBe(3000);
    expect(first.config.DATABASE_URL).toContain('127.0.0.1:5432');
    expect(first.config.twilio).toBeNull();
    expect(first.config.warnings.join(' ')).toMatch(/PII_KEY is not set/);
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(64);
    const second = loadConfig({ PII_KEY_FILE: file });
    expect(second.ok && second.config.piiKey.equals(first.config.piiKey)).toBe(true);
  });

  it('stops production start-up without a PII key, naming the variable and the fix', () => {
    const result = loadConfig({ NODE_ENV: 'production', PII_KEY_FILE: keyFile() });
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/^Missing PII_KEY: .*openssl rand -hex 32/),
    });
  });

  it('requires PUBLIC_URL in production when Twilio is enabled', () => {
    const result = loadConfig({
      NODE_ENV: 'production',
      PII_KEY: 'b'.repeat(64),
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 'secret',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/PUBLIC_URL/);
  });

  it('reports one clear line for a bad value', () => {
    const port = loadConfig({ PORT: 'eighty', PII_KEY: 'c'.repeat(64) });
    expect(port.ok).toBe(false);
    if (!port.ok) expect(port.error).toMatch(/^Invalid PORT: .*\(use a number between 0 and 65535\)/);
    const key = loadConfig({ PII_KEY: 'short' });
    if (!key.ok) expect(key.error).toMatch(/^Invalid PII_KEY: must be 64 hex characters/);
    expect(key.ok).toBe(false);
  });

  it('refuses half-configured Twilio credentials', () => {
    const result = loadConfig({ PII_KEY: 'd'.repeat(64), TWILIO_AUTH_TOKEN: 'secret' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/);
  });

  it('keeps secrets out of the plain config fields', () => {
    const result = loadConfig({
      PII_KEY: 'e'.repeat(64),
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 'tok',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.config)).not.toContain('PII_KEY');
    expect(Object.keys(result.config)).not.toContain('TWILIO_AUTH_TOKEN');
    expect(result.config.twilio?.authToken).toBe('tok');
  });
});
