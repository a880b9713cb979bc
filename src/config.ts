import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { projectPath } from './project-path.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();
/** A limit where 0 means "no limit". */
const limit = z.coerce.number().int().min(0);

/** The one schema over the environment. Every other module receives the typed result. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://suara.example.org' }).optional(),
  TRUST_PROXY: booleanFlag.default(false),
  BODY_LIMIT_BYTES: positiveInt.default(65_536),
  /** Lets a monitor elsewhere read /readyz's details (which name internal hosts) as `Authorization: Bearer …`. */
  READINESS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  DATABASE_URL: z.string().min(1).default('postgres://postgres@127.0.0.1:5432/suara'),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, { message: 'may contain only letters, digits, - and _' })
    .default('suara'),
  INBOUND_PARTITIONS: positiveInt.max(256).default(8),
  ENQUEUE_TIMEOUT_MS: positiveInt.default(2000),
  PII_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, {
      message: 'must be 64 hex characters (32 bytes); generate one with: openssl rand -hex 32',
    })
    .optional(),
  PII_KEY_FILE: z.string().default('.suara/pii-key'),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_API_BASE_URL: z.url().default('https://api.twilio.com'),
  TWILIO_SMS_FROM: z.string().optional(),
  TWILIO_WHATSAPP_FROM: z.string().optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().optional(),
  OUTBOUND_RATE_PER_SECOND: positiveInt.default(10),
  OUTBOUND_MAX_ATTEMPTS: positiveInt.default(6),
  OUTBOUND_BACKOFF_MS: positiveInt.default(2000),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(25_000),
  /** How often each worker process queues replies and inbound messages left without a job (the outbox). */
  OUTBOX_SWEEP_INTERVAL_MS: positiveInt.default(15_000),
  /** How old a stored message must be before the outbox sweeper treats it as stranded. */
  OUTBOX_GRACE_MS: positiveInt.default(5_000),
  /**
   * An inbound job's lock; BullMQ renews it every half of this while the job runs. A crashed worker's
   * partition is free again after at most this plus the stalled-check interval.
   */
  INBOUND_LOCK_DURATION_MS: positiveInt.min(1_000).default(5_000),
  INBOUND_STALLED_INTERVAL_MS: positiveInt.min(500).default(2_500),
  /** Replies one contact may receive in 24 hours; past it their messages are stored but not answered. */
  CONTACT_REPLIES_PER_DAY: limit.default(60),
  /** Messages one contact may send per minute before they are stored but not answered. */
  CONTACT_MESSAGES_PER_MINUTE: limit.default(20),
  /** Requests per minute from one IP address, per group of public routes (Redis-backed; 0 = off). */
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: limit.default(6_000),
  RATE_LIMIT_SIMULATOR_PER_MINUTE: limit.default(300),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: limit.default(120),
  RATE_LIMIT_PUBLIC_PER_MINUTE: limit.default(600),
  FLOWS_DIR: z.string().min(1).optional(),
  FLOWS_HOT_RELOAD: booleanFlag.optional(),
  SESSION_IDLE_MINUTES: positiveInt.default(24 * 60),
  LOOP_MAX_MESSAGES: positiveInt.default(20),
  LOOP_WINDOW_MINUTES: positiveInt.default(10),
  SIMULATOR_ENABLED: booleanFlag.optional(),
  STAFF_SESSION_IDLE_MINUTES: positiveInt.default(120),
  STAFF_SESSION_MAX_HOURS: positiveInt.default(12),
  PASSWORD_LINK_HOURS: positiveInt.default(72),
  LOGIN_MAX_FAILURES: positiveInt.default(5),
  /** Export requests per partner key per minute (0: unlimited). */
  EXPORT_RATE_PER_MINUTE: limit.default(30),
  LOGIN_LOCKOUT_MINUTES: positiveInt.default(15),
  /** Secure cookies; default on in production (HTTPS). */
  COOKIE_SECURE: booleanFlag.optional(),
  MASKED_REPLY_WINDOW_DAYS: positiveInt.default(14),
  SERVICE_LEVELS_FILE: z.string().min(1).optional(),
  /** Twilio Content API template ids (HX…) for WhatsApp messages outside the 24-hour window. */
  TWILIO_TEMPLATE_VALIDATED: z.string().optional(),
  TWILIO_TEMPLATE_IN_FOLLOW_UP: z.string().optional(),
  TWILIO_TEMPLATE_CLOSED: z.string().optional(),
  TWILIO_TEMPLATE_STAFF_MESSAGE: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  smsFrom: string | undefined;
  whatsappFrom: string | undefined;
  messagingServiceSid: string | undefined;
}

type Resolved =
  | 'PII_KEY'
  | 'TWILIO_AUTH_TOKEN'
  | 'TWILIO_ACCOUNT_SID'
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
  piiKey: Buffer;
  /** Null when the channel has no credentials: its webhook then answers 503 with an explanation. */
  twilio: TwilioConfig | null;
  warnings: string[];
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

const fixes: Record<string, string> = {
  DATABASE_URL: 'e.g. postgres://postgres@127.0.0.1:5432/suara',
  REDIS_URL: 'e.g. redis://127.0.0.1:6379',
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

  let piiKey: Buffer;
  if (env.PII_KEY) {
    piiKey = Buffer.from(env.PII_KEY, 'hex');
  } else if (production) {
    return {
      ok: false,
      error:
        'Missing PII_KEY: production needs a 32-byte hex key to encrypt phone numbers (openssl rand -hex 32).',
    };
  } else {
    const local = readOrCreateLocalKey(env.PII_KEY_FILE);
    if (!local.ok) return local;
    piiKey = local.key;
    warnings.push(
      `PII_KEY is not set: using the development key in ${env.PII_KEY_FILE}. Set PII_KEY before real use.`,
    );
  }

  let twilio: TwilioConfig | null = null;
  if (env.TWILIO_AUTH_TOKEN && env.TWILIO_ACCOUNT_SID) {
    twilio = {
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      apiBaseUrl: env.TWILIO_API_BASE_URL,
      smsFrom: env.TWILIO_SMS_FROM,
      whatsappFrom: env.TWILIO_WHATSAPP_FROM,
      messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
    };
    if (production && !env.PUBLIC_URL) {
      return {
        ok: false,
        error:
          'Missing PUBLIC_URL: Twilio signs the public webhook URL, so production needs it (e.g. https://suara.example.org).',
      };
    }
  } else if (env.TWILIO_AUTH_TOKEN || env.TWILIO_ACCOUNT_SID) {
    return {
      ok: false,
      error:
        'Twilio needs both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN; set both or neither (Twilio channel disabled).',
    };
  } else {
    warnings.push('Twilio channel disabled: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to enable it.');
  }

  const { PII_KEY: _key, TWILIO_AUTH_TOKEN: _token, TWILIO_ACCOUNT_SID: _sid, ...rest } = env;
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
      twilio,
      warnings,
    },
  };
}

function readOrCreateLocalKey(path: string): { ok: true; key: Buffer } | { ok: false; error: string } {
  try {
    if (existsSync(path)) {
      const hex = readFileSync(path, 'utf8').trim();
      if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
        return {
          ok: false,
          error: `Invalid key in ${path}: expected 64 hex characters. Delete the file or set PII_KEY.`,
        };
      }
      return { ok: true, key: Buffer.from(hex, 'hex') };
    }
    const key = randomBytes(32);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600 });
    return { ok: true, key };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: `Cannot read or create the development PII key at ${path}: ${reason}. Set PII_KEY.`,
    };
  }
}
