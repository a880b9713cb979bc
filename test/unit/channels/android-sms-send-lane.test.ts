import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAndroidSmsAdapter } from '../../../src/channels/android-sms/android-sms-adapter.js';
import { loadConfig } from '../../../src/config.js';

const devicesFile = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'suara-lanes-')), 'devices.yaml');
  writeFileSync(path, text);
  return path;
};
const device = (number: string, extra = '') =>
  `- number: "${number}"\n  apiUrl: http://192.168.1.20:8080\n  username: u\n  password: p\n  signingKey: key-${number}\n${extra}`;

describe('Android SMS send lanes', () => {
  it('limits each phone on its own: its sendsPerMinute, else ANDROID_SMS_SENDS_PER_MINUTE, spread over the seconds', () => {
    const result = loadConfig({
      PII_KEY: 'f'.repeat(64),
      ANDROID_SMS_SENDS_PER_MINUTE: '6',
      ANDROID_SMS_DEVICES_FILE: devicesFile(
        device('+6281100000001', '  sendsPerMinute: 90\n') + device('+6281100000002'),
      ),
    });
    if (!result.ok || !result.config.androidSms)
      throw new Error(result.ok ? 'no android config' : result.error);
    const adapter = createAndroidSmsAdapter(result.config.androidSms);
    const laneOf = (replyTo: string | undefined) =>
      adapter.sendLane?.({
        channel: 'sms',
        to: '+6281234500001',
        body: 'x',
        replyToProviderMessageId: replyTo,
      });

    expect(laneOf('6281100000001.abc')).toEqual({
      key: '6281100000001',
      rate: { max: 90, durationMs: 60_000, perSecond: 2 },
    });
    expect(laneOf('6281100000002.abc')).toEqual({
      key: '6281100000002',
      rate: { max: 6, durationMs: 60_000, perSecond: 1 },
    });
    // A reply whose phone is gone from the file goes through the first phone, and counts against it.
    expect(laneOf('6281100000009.abc')?.key).toBe('6281100000001');
    expect(laneOf(undefined)?.key).toBe('6281100000001');
  });

  it('refuses a sendsPerMinute that is not a whole number from 1 to 600', () => {
    const result = loadConfig({
      PII_KEY: 'f'.repeat(64),
      ANDROID_SMS_DEVICES_FILE: devicesFile(device('+6281100000001', '  sendsPerMinute: 0\n')),
    });
    expect(!result.ok && result.error).toMatch(/Invalid ANDROID_SMS_DEVICES_FILE .*0\.sendsPerMinute/);
  });
});
