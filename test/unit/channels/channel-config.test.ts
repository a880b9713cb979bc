import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeSender } from '../../../src/channels/android-sms/normalize-sender.js';
import { loadConfig } from '../../../src/config.js';

const base = { PII_KEY: 'f'.repeat(64) };
const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'suara-devices-')), name);
  writeFileSync(path, text);
  return path;
};
const phone = (number: string, signingKey: string) => ({
  number,
  apiUrl: 'http://192.168.1.20:8080',
  username: 'sms',
  password: 'secret',
  signingKey,
});

describe('Android SMS configuration', () => {
  it('is disabled without variables, saying which to set', () => {
    const result = loadConfig(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.androidSms).toBeNull();
    expect(result.config.disabledChannels['android-sms']).toMatch(/ANDROID_SMS_API_URL/);
  });

  it('takes one phone from the four variables, keeping its secrets out of the plain fields', () => {
    const result = loadConfig({
      ...base,
      ANDROID_SMS_API_URL: 'http://192.168.1.20:8080',
      ANDROID_SMS_USERNAME: 'sms',
      ANDROID_SMS_PASSWORD: 'secret',
      ANDROID_SMS_SIGNING_KEY: 'key',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.androidSms?.devices).toMatchObject([
      { key: 'default', apiUrl: 'http://192.168.1.20:8080' },
    ]);
    expect(result.config.androidSms?.sendsPerMinute).toBe(6);
    expect(result.config.androidSms?.toleranceSeconds).toBe(300);
    expect(Object.keys(result.config)).not.toContain('ANDROID_SMS_PASSWORD');
    expect(Object.keys(result.config)).not.toContain('ANDROID_SMS_SIGNING_KEY');
  });

  it('refuses a half-configured phone, naming what is missing', () => {
    const result = loadConfig({ ...base, ANDROID_SMS_API_URL: 'http://192.168.1.20:8080' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatch(
        /missing ANDROID_SMS_USERNAME, ANDROID_SMS_PASSWORD, ANDROID_SMS_SIGNING_KEY/,
      );
  });

  it('reads several phones from a JSON or YAML file', () => {
    const json = loadConfig({
      ...base,
      ANDROID_SMS_DEVICES_FILE: file(
        'd.json',
        JSON.stringify([phone('+6281100000001', 'a'), phone('+6281100000002', 'b')]),
      ),
    });
    expect(json.ok && json.config.androidSms?.devices.map((d) => d.key)).toEqual([
      '6281100000001',
      '6281100000002',
    ]);
    const yaml = loadConfig({
      ...base,
      ANDROID_SMS_DEVICES_FILE: file(
        'd.yaml',
        '- number: "+6281100000003"\n  apiUrl: https://api.sms-gate.app/3rdparty/v1\n  username: u\n  password: p\n  signingKey: k\n',
      ),
    });
    expect(yaml.ok && yaml.config.androidSms?.devices[0]?.number).toBe('+6281100000003');
  });

  it('stops start-up on a bad devices file, naming the file and the field', () => {
    const missing = loadConfig({ ...base, ANDROID_SMS_DEVICES_FILE: '/nonexistent/devices.yaml' });
    expect(!missing.ok && missing.error).toMatch(/Cannot read ANDROID_SMS_DEVICES_FILE/);
    const bad = loadConfig({
      ...base,
      ANDROID_SMS_DEVICES_FILE: file('d.json', JSON.stringify([{ ...phone('0812', 'a') }])),
    });
    expect(!bad.ok && bad.error).toMatch(
      /Invalid ANDROID_SMS_DEVICES_FILE .*0\.number must be the SIM number/,
    );
    const shared = loadConfig({
      ...base,
      ANDROID_SMS_DEVICES_FILE: file(
        'd.json',
        JSON.stringify([phone('+6281100000001', 'same'), phone('+6281100000002', 'same')]),
      ),
    });
    expect(!shared.ok && shared.error).toMatch(/share a signing key/);
  });
});

describe('WhatsApp Cloud API configuration', () => {
  it('is disabled without variables and refuses a partial set, naming what is missing', () => {
    const none = loadConfig(base);
    expect(none.ok && none.config.whatsappCloud).toBeNull();
    const partial = loadConfig({ ...base, WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG' });
    expect(!partial.ok && partial.error).toMatch(
      /missing WHATSAPP_CLOUD_APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN/,
    );
    const full = loadConfig({
      ...base,
      WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG',
      WHATSAPP_CLOUD_APP_SECRET: 's',
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'v',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: '106540352242922',
    });
    expect(full.ok && full.config.whatsappCloud?.apiBaseUrl).toBe('https://graph.facebook.com');
    expect(full.ok && Object.keys(full.config)).not.toContain('WHATSAPP_CLOUD_APP_SECRET');
  });
});

describe('normalizeSender', () => {
  it('writes every way a phone reports an Indonesian number in E.164', () => {
    for (const sender of [
      '+6281234567890',
      '6281234567890',
      '081234567890',
      '006281234567890',
      '0812-3456-7890',
    ])
      expect(normalizeSender(sender, '62')).toBe('+6281234567890');
    expect(normalizeSender('+14155550100', '62')).toBe('+14155550100');
  });

  it('refuses operator names and short codes', () => {
    for (const sender of ['TELKOMSEL', 'Indosat', '3636', '+62', '', '0'])
      expect(normalizeSender(sender, '62')).toBeNull();
  });
});
