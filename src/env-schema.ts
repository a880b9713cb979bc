import { z } from 'zod';
import { androidSmsEnvShape } from './channels/android-sms/android-sms-config.js';
import { twilioEnvShape } from './channels/twilio/twilio-config.js';
import { whatsappCloudEnvShape } from './channels/whatsapp-cloud/whatsapp-cloud-config.js';
import { whatsappWebEnvShape } from './channels/whatsapp-web/whatsapp-web-config.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();
/** A limit where 0 means "no limit". */
const limit = z.coerce.number().int().min(0);

/** The one schema over the environment. Every other module receives the typed result. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://suara.example.org' }).optional(),
  TRUST_PROXY: booleanFlag.default(false),
  BODY_LIMIT_BYTES: positiveInt.default(65_536),
  /** Lets a monitor elsewhere read /readyz's details (which name internal hosts) as `Authorization: Bearer …`. */
  READINESS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  /** Lets a Prometheus elsewhere scrape /metrics as `Authorization: Bearer …`; loopback callers need none. */
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  /** Where `suara worker` (which has no HTTP API) serves /metrics, on HOST; 0 turns it off. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  DATABASE_URL: z.string().min(1).default('postgres://postgres@127.0.0.1:5432/suara'),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  /** Sentinels that name the current master, `host:port,host:port`; REDIS_URL then gives only credentials, db and TLS. */
  REDIS_SENTINELS: z
    .string()
    .regex(/^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/, {
      message: 'write host:port pairs separated by commas, e.g. 10.0.0.1:26379,10.0.0.2:26379',
    })
    .transform((value) =>
      value.split(',').map((pair) => {
        const [host = '', port = ''] = pair.trim().split(':');
        return { host, port: Number(port) };
      }),
    )
    .optional(),
  /** The master's name in the sentinels' `sentinel monitor <name> …`. */
  REDIS_SENTINEL_NAME: z.string().min(1).default('suara'),
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /**
   * Replicas that must hold an inbound job before its webhook is acknowledged (Redis WAIT), so a failover
   * cannot lose it; 0 = acknowledge once the master has it.
   */
  REDIS_WAIT_REPLICAS: limit.max(10).default(0),
  REDIS_WAIT_TIMEOUT_MS: positiveInt.default(500),
  /** `{name}` (a hash tag) puts every key in one hash slot, as a cluster-mode endpoint or proxy requires. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^(\{[a-zA-Z0-9_-]+\}|[a-zA-Z0-9_-]+)$/, {
      message: 'may contain only letters, digits, - and _, optionally in braces as a hash tag: {suara}',
    })
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
  /** Several keys for rotation, `id:hex,id:hex`, the current one first; PII_KEY is key `0` (src/privacy/pii-keyring.ts). */
  PII_KEYS: z.string().optional(),
  /** The lookup-hash key (`suara keys lookup-key`); by default derived from PII_KEY. */
  PII_LOOKUP_KEY: z.string().optional(),
  /** Closed reports lose their texts and media this many days after closing (the retention job). */
  RETENTION_CLOSED_REPORT_DAYS: positiveInt.default(730),
  /** Conversations that never became a report lose their texts and media after this many days. */
  RETENTION_ABANDONED_DAYS: positiveInt.default(90),
  // Each channel owns its slice of the environment (src/channels/<provider>/).
  ...twilioEnvShape,
  ...androidSmsEnvShape,
  ...whatsappCloudEnvShape,
  ...whatsappWebEnvShape,
  /** Where downloaded media is stored (the local media store), named by SHA-256; created on start. */
  MEDIA_DIR: z.string().min(1).default('.suara/media'),
  /** Largest attachment downloaded; a larger one is refused (the report is still made). */
  MEDIA_MAX_BYTES: positiveInt.default(16 * 1024 * 1024),
  /** Download tries per attachment, with exponential backoff from MEDIA_DOWNLOAD_BACKOFF_MS. */
  MEDIA_DOWNLOAD_ATTEMPTS: positiveInt.default(6),
  MEDIA_DOWNLOAD_BACKOFF_MS: positiveInt.default(5_000),
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
  /**
   * A contact's messages this close together (ms) are answered as one turn: phones split long texts and
   * people send a complaint as two or three quick SMS. Adds up to this much to every answer; 0 = off.
   */
  COALESCE_WINDOW_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
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
  /** Price of one SMS segment per provider ("twilio:6000,android-sms:350"), for campaign cost estimates. */
  SMS_PRICES: z
    .string()
    .default('twilio:6000,android-sms:350,simulator:0')
    .transform((value, ctx) => {
      const prices: Record<string, number> = {};
      for (const pair of value
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const [provider, price] = pair.split(':');
        const amount = Number(price);
        if (!provider || price === undefined || !Number.isFinite(amount) || amount < 0) {
          ctx.addIssue({
            code: 'custom',
            message: 'write provider:price pairs, e.g. twilio:6000,android-sms:350',
          });
          return z.NEVER;
        }
        prices[provider.trim()] = amount;
      }
      return prices;
    }),
  SMS_PRICE_CURRENCY: z.string().min(1).default('IDR'),
  /** Local hours (province time, WIB/WITA) in which campaign invitations may be sent: "08-20". */
  CAMPAIGN_HOURS: z
    .string()
    .regex(/^\d{1,2}-\d{1,2}$/, 'write start-end hours, e.g. 08-20')
    .default('08-20')
    .transform((value) => {
      const [start, end] = value.split('-').map(Number);
      return { start: start ?? 8, end: end ?? 20 };
    })
    .refine(
      (h) => h.start < h.end && h.end <= 24,
      'the start hour must come before the end hour (at most 24)',
    ),
  /** Survey invitations one contact may receive per calendar month, across campaigns. */
  CAMPAIGN_MONTHLY_CAP: positiveInt.default(2),
  /** How often the campaign sender looks for invitations to send, and how many it queues each time. */
  CAMPAIGN_TICK_MS: positiveInt.default(5_000),
  CAMPAIGN_BATCH_SIZE: positiveInt.default(200),
  SERVICE_LEVELS_FILE: z.string().min(1).optional(),
  /** CSV `code,latitude,longitude` of region centroids, for GeoJSON exports and Open311 lat/long. */
  REGION_COORDINATES_FILE: z.string().min(1).optional(),
  /**
   * Open311 GeoReport v2 read endpoints under /open311/v2: `off`; `partner` (a partner key, the
   * partner's scope); `public` (the provinces published on the transparency page, regency-level places,
   * no citizens' words).
   */
  OPEN311_ACCESS: z.enum(['off', 'public', 'partner']).default('off'),
  /** Partners' scheduled batches: how often due ones are looked for, and retries of a failed delivery. */
  EXPORT_BATCH_TICK_MS: positiveInt.default(300_000),
  EXPORT_BATCH_BACKOFF_MS: positiveInt.default(60_000),
  EXPORT_BATCH_ATTEMPTS: positiveInt.default(8),
  /** Twilio Content API template ids (HX…) for WhatsApp messages outside the 24-hour window. */
  TWILIO_TEMPLATE_VALIDATED: z.string().optional(),
  TWILIO_TEMPLATE_IN_FOLLOW_UP: z.string().optional(),
  TWILIO_TEMPLATE_CLOSED: z.string().optional(),
  TWILIO_TEMPLATE_STAFF_MESSAGE: z.string().optional(),
  TWILIO_TEMPLATE_SURVEY_INVITATION: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;
