import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeIssues } from '../../validation/describe-issues.js';
import type { AndroidSmsDevice } from './android-sms-config.js';

const deviceSchema = z.strictObject({
  number: z.string().regex(/^\+[1-9]\d{7,14}$/, { message: 'must be the SIM number in E.164 form (+62…)' }),
  apiUrl: z.url({ message: 'must be an absolute URL such as http://192.168.1.20:8080' }),
  username: z.string().min(1),
  password: z.string().min(1),
  signingKey: z.string().min(1),
  deviceId: z.string().min(1).optional(),
  /** This SIM's carrier limit, when it differs from ANDROID_SMS_SENDS_PER_MINUTE. */
  sendsPerMinute: z.number().int().positive().max(600).optional(),
});

const devicesSchema = z.array(deviceSchema).min(1, { message: 'lists no device' });

/** ANDROID_SMS_DEVICES_FILE: JSON is YAML, so one parser reads both. */
export function readDevicesFile(
  path: string,
): { ok: true; devices: AndroidSmsDevice[] } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, error: `Cannot read ANDROID_SMS_DEVICES_FILE ${path}: ${reason}` };
  }
  const parsed = devicesSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      error: `Invalid ANDROID_SMS_DEVICES_FILE ${path}: ${describeIssues(parsed.error)} (each device: number, apiUrl, username, password, signingKey, optional deviceId and sendsPerMinute).`,
    };
  }
  return {
    ok: true,
    devices: parsed.data.map((device) => ({
      key: device.number.slice(1),
      number: device.number,
      apiUrl: device.apiUrl,
      username: device.username,
      password: device.password,
      signingKey: device.signingKey,
      deviceId: device.deviceId,
      sendsPerMinute: device.sendsPerMinute,
    })),
  };
}
