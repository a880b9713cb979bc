import { type AndroidSmsConfig, resolveAndroidSmsConfig } from './channels/android-sms/android-sms-config.js';
import type { Provider } from './channels/channel-adapter.js';
import { resolveTwilioConfig, type TwilioConfig } from './channels/twilio/twilio-config.js';
import {
  resolveWhatsappCloudConfig,
  type WhatsappCloudConfig,
} from './channels/whatsapp-cloud/whatsapp-cloud-config.js';
import {
  resolveWhatsappWebConfig,
  type WhatsappWebConfig,
} from './channels/whatsapp-web/whatsapp-web-config.js';
import { type Env, envSchema } from './env-schema.js';
import type { PiiKeyring } from './privacy/pii-keyring.js';
import { resolvePiiKeys } from './privacy/resolve-pii-keys.js';
import { projectPath } from './project-path.js';

export type { AndroidSmsConfig, Env, TwilioConfig, WhatsappCloudConfig, WhatsappWebConfig };

type Resolved =
  | 'PII_KEY'
  | 'PII_KEYS'
  | 'PII_LOOKUP_KEY'
  | 'TWILIO_AUTH_TOKEN'
  | 'TWILIO_ACCOUNT_SID'
  | 'ANDROID_SMS_PASSWORD'
  | 'ANDROID_SMS_SIGNING_KEY'
  | 'WHATSAPP_CLOUD_ACCESS_TOKEN'
  | 'WHATSAPP_CLOUD_APP_SECRET'
  | 'WHATSAPP_CLOUD_VERIFY_TOKEN'
  | 'FLOWS_DIR'
  | 'FLOWS_HOT_RELOAD'
  | 'SIMULATOR_ENABLED'
  | 'COOKIE_SECURE'
  | 'SERVICE_LEVELS_FILE';

export interface Config extends Omit<Env, Resolved> {
  FLOWS_DIR: string;
  /** Default: on outside production. */
  FLOWS_HOT_RELOAD: boolean;
  /** The web simulator channel. Default: on outside production. */
  SIMULATOR_ENABLED: boolean;
  COOKIE_SECURE: boolean;
  SERVICE_LEVELS_FILE: string;
  /** The key new personal data is sealed with (the current key of `piiKeys`). */
  piiKey: Buffer;
  /** Every PII key by id, which is current, and the lookup-hash key. */
  piiKeys: PiiKeyring;
  /** Null when the channel has no credentials: its webhook then answers 503 with an explanation. */
  twilio: TwilioConfig | null;
  /** Null when no phone is configured. */
  androidSms: AndroidSmsConfig | null;
  whatsappCloud: WhatsappCloudConfig | null;
  /** Null unless WHATSAPP_WEB_ENABLED. */
  whatsappWeb: WhatsappWebConfig | null;
  /** Why each disabled channel is disabled (the variables to set), by provider. */
  disabledChannels: Partial<Record<Provider, string>>;
  warnings: string[];
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

const fixes: Record<string, string> = {
  DATABASE_URL: 'e.g. postgres://postgres@127.0.0.1:5432/suara',
  REDIS_URL: 'e.g. redis://127.0.0.1:6379',
  REDIS_SENTINELS: 'e.g. 10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379',
  PORT: 'use a number between 0 and 65535',
};

/** Validates the environment. Outside production a missing PII key is generated once and kept in PII_KEY_FILE. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): ConfigResult {
  // `VAR=` in an env file means "not set", as it does for most tools.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const fix = fixes[name] ? ` (${fixes[name]})` : '';
    return {
      ok: false,
      error: `Invalid ${name}: ${issue?.message ?? 'invalid value'}${fix}. See .env.example.`,
    };
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const warnings: string[] = [];

  const keys = resolvePiiKeys(env, production, warnings);
  if (!keys.ok) return keys;
  const { piiKey, piiKeys } = keys;

  const twilio = resolveTwilioConfig(env, { production, publicUrl: env.PUBLIC_URL });
  if (!twilio.ok) return twilio;
  const androidSms = resolveAndroidSmsConfig(env);
  if (!androidSms.ok) return androidSms;
  const whatsappCloud = resolveWhatsappCloudConfig(env);
  if (!whatsappCloud.ok) return whatsappCloud;
  const whatsappWeb = resolveWhatsappWebConfig(env);
  if (!whatsappWeb.ok) return whatsappWeb;
  const disabledChannels: Config['disabledChannels'] = {};
  if (twilio.disabled) disabledChannels.twilio = twilio.disabled;
  if (androidSms.disabled) disabledChannels['android-sms'] = androidSms.disabled;
  if (whatsappCloud.disabled) disabledChannels['whatsapp-cloud'] = whatsappCloud.disabled;
  if (whatsappWeb.disabled) disabledChannels.baileys = whatsappWeb.disabled;
  warnings.push(...Object.values(disabledChannels));

  const {
    PII_KEY: _key,
    PII_KEYS: _keys,
    PII_LOOKUP_KEY: _lookupKey,
    TWILIO_AUTH_TOKEN: _token,
    TWILIO_ACCOUNT_SID: _sid,
    ANDROID_SMS_PASSWORD: _password,
    ANDROID_SMS_SIGNING_KEY: _signingKey,
    WHATSAPP_CLOUD_ACCESS_TOKEN: _accessToken,
    WHATSAPP_CLOUD_APP_SECRET: _appSecret,
    WHATSAPP_CLOUD_VERIFY_TOKEN: _verifyToken,
    ...rest
  } = env;
  return {
    ok: true,
    config: {
      ...rest,
      FLOWS_DIR: env.FLOWS_DIR ?? projectPath('flows'),
      FLOWS_HOT_RELOAD: env.FLOWS_HOT_RELOAD ?? !production,
      SIMULATOR_ENABLED: env.SIMULATOR_ENABLED ?? !production,
      COOKIE_SECURE: env.COOKIE_SECURE ?? production,
      SERVICE_LEVELS_FILE:
        env.SERVICE_LEVELS_FILE ?? `${env.FLOWS_DIR ?? projectPath('flows')}/service-levels.yaml`,
      piiKey,
      piiKeys,
      twilio: twilio.config,
      androidSms: androidSms.config,
      whatsappCloud: whatsappCloud.config,
      whatsappWeb: whatsappWeb.config,
      disabledChannels,
      warnings,
    },
  };
}
