import { z } from 'zod';
import type { ChannelConfigResult } from '../channel-config-result.js';
import { readDevicesFile } from './read-devices-file.js';

const positiveInt = z.coerce.number().int().positive();

/** The Android SMS gateway channel's slice of the environment schema. */
export const androidSmsEnvShape = {
  /** One phone: the app's API base URL (local server http://<phone>:8080, or the cloud relay). */
  ANDROID_SMS_API_URL: z
    .url({ message: 'must be an absolute URL such as http://192.168.1.20:8080' })
    .optional(),
  ANDROID_SMS_USERNAME: z.string().optional(),
  ANDROID_SMS_PASSWORD: z.string().optional(),
  ANDROID_SMS_SIGNING_KEY: z.string().optional(),
  /** Several phones: a JSON or YAML list of { number, apiUrl, username, password, signingKey }. */
  ANDROID_SMS_DEVICES_FILE: z.string().optional(),
  /** Per phone, unless the devices file gives a phone its own; carriers block SIMs that send fast. */
  ANDROID_SMS_SENDS_PER_MINUTE: positiveInt.max(600).default(6),
  ANDROID_SMS_TIMESTAMP_TOLERANCE_SECONDS: positiveInt.default(300),
  /** A phone that sent no webhook (not even a ping) for this long is reported unhealthy. */
  ANDROID_SMS_SILENCE_MINUTES: positiveInt.default(60),
  ANDROID_SMS_HEALTH_INTERVAL_SECONDS: positiveInt.default(60),
  /** Senders written without a country code (0812…) are taken to be in this country. */
  ANDROID_SMS_DEFAULT_COUNTRY_CODE: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, { message: 'must be a country calling code such as 62' })
    .default('62'),
};

type AndroidSmsEnv = z.infer<z.ZodObject<typeof androidSmsEnvShape>>;

/** One Android phone running SMS Gateway for Android, with its own credentials and signing key. */
export interface AndroidSmsDevice {
  /** Names the phone in ids, logs and readiness details: its number's digits, or `default`. */
  key: string;
  /** The SIM's number (E.164), when known. Suara's own number, not a citizen's. */
  number: string | undefined;
  apiUrl: string;
  username: string;
  password: string;
  signingKey: string;
  /** Cloud mode with several phones on one account: the app's device id, to send through that phone. */
  deviceId: string | undefined;
  /** This SIM's own send pace (its carrier's limit); else ANDROID_SMS_SENDS_PER_MINUTE. */
  sendsPerMinute: number | undefined;
}

export interface AndroidSmsConfig {
  devices: AndroidSmsDevice[];
  sendsPerMinute: number;
  toleranceSeconds: number;
  silenceMinutes: number;
  healthIntervalSeconds: number;
  defaultCountryCode: string;
}

const SINGLE = [
  'ANDROID_SMS_API_URL',
  'ANDROID_SMS_USERNAME',
  'ANDROID_SMS_PASSWORD',
  'ANDROID_SMS_SIGNING_KEY',
] as const;

export const ANDROID_SMS_DISABLED =
  'Android SMS channel disabled: set ANDROID_SMS_API_URL, ANDROID_SMS_USERNAME, ANDROID_SMS_PASSWORD and ANDROID_SMS_SIGNING_KEY (or ANDROID_SMS_DEVICES_FILE) to enable it.';

export function resolveAndroidSmsConfig(env: AndroidSmsEnv): ChannelConfigResult<AndroidSmsConfig> {
  const devices: AndroidSmsDevice[] = [];
  const given = SINGLE.filter((name) => env[name] !== undefined);
  if (given.length && given.length < SINGLE.length) {
    const missing = SINGLE.filter((name) => env[name] === undefined);
    return {
      ok: false,
      error: `The Android SMS gateway needs ${SINGLE.join(', ')}; missing ${missing.join(', ')} (set all four, or none and use ANDROID_SMS_DEVICES_FILE).`,
    };
  }
  if (
    env.ANDROID_SMS_API_URL &&
    env.ANDROID_SMS_USERNAME &&
    env.ANDROID_SMS_PASSWORD &&
    env.ANDROID_SMS_SIGNING_KEY
  ) {
    devices.push({
      key: 'default',
      number: undefined,
      apiUrl: env.ANDROID_SMS_API_URL,
      username: env.ANDROID_SMS_USERNAME,
      password: env.ANDROID_SMS_PASSWORD,
      signingKey: env.ANDROID_SMS_SIGNING_KEY,
      deviceId: undefined,
      sendsPerMinute: undefined,
    });
  }
  if (env.ANDROID_SMS_DEVICES_FILE) {
    const file = readDevicesFile(env.ANDROID_SMS_DEVICES_FILE);
    if (!file.ok) return file;
    devices.push(...file.devices);
  }
  if (!devices.length) return { ok: true, config: null, disabled: ANDROID_SMS_DISABLED };

  const problem = ambiguity(devices);
  if (problem) return { ok: false, error: problem };
  return {
    ok: true,
    config: {
      devices,
      sendsPerMinute: env.ANDROID_SMS_SENDS_PER_MINUTE,
      toleranceSeconds: env.ANDROID_SMS_TIMESTAMP_TOLERANCE_SECONDS,
      silenceMinutes: env.ANDROID_SMS_SILENCE_MINUTES,
      healthIntervalSeconds: env.ANDROID_SMS_HEALTH_INTERVAL_SECONDS,
      defaultCountryCode: env.ANDROID_SMS_DEFAULT_COUNTRY_CODE,
    },
  };
}

/**
 * A webhook names its phone only by the key that signed it (and, in cloud mode, the app's device id):
 * two phones sharing a signing key must be told apart by device id.
 */
function ambiguity(devices: AndroidSmsDevice[]): string | null {
  const keys = new Set<string>();
  for (const device of devices) {
    if (keys.has(device.key)) return `Android SMS devices: ${device.key} is listed twice.`;
    keys.add(device.key);
  }
  for (const [index, device] of devices.entries()) {
    const twin = devices
      .slice(index + 1)
      .find(
        (other) =>
          other.signingKey === device.signingKey &&
          (!other.deviceId || !device.deviceId || other.deviceId === device.deviceId),
      );
    if (twin)
      return `Android SMS devices ${device.key} and ${twin.key} share a signing key: give each phone its own key (Settings → Webhooks → Signing Key) or a distinct deviceId.`;
  }
  return null;
}
