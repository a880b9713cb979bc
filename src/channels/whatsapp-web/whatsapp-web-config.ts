import { z } from 'zod';
import type { ChannelConfigResult } from '../channel-config-result.js';

const positiveInt = z.coerce.number().int().positive();

/** The WhatsApp Web (Baileys, a linked phone) channel's slice of the environment schema. */
export const whatsappWebEnvShape = {
  WHATSAPP_WEB_ENABLED: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((value) => value === 'true' || value === '1' || value === 'yes')
    .default(false),
  /** Names the linked number's stored authentication state (one linked phone per session). */
  WHATSAPP_WEB_SESSION: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, { message: 'may contain only letters, digits, - and _' })
    .default('default'),
  /** WhatsApp bans numbers that send fast: replies go out at most this often, across all processes. */
  WHATSAPP_WEB_SENDS_PER_MINUTE: positiveInt.max(120).default(12),
  /** The connection holder's Redis lock: another process takes over within about this long after it dies. */
  WHATSAPP_WEB_LOCK_TTL_SECONDS: positiveInt.min(3).max(600).default(30),
  /** A link started from the workspace or the API gives up when the phone has not confirmed within this long. */
  WHATSAPP_WEB_LINK_TIMEOUT_SECONDS: positiveInt.min(10).max(3600).default(180),
};

type WhatsappWebEnv = z.infer<z.ZodObject<typeof whatsappWebEnvShape>>;

export interface WhatsappWebConfig {
  session: string;
  sendsPerMinute: number;
  lockTtlMs: number;
}

export const WHATSAPP_WEB_DISABLED =
  'WhatsApp Web channel (Baileys, a linked phone) disabled: set WHATSAPP_WEB_ENABLED=true and link a number with `suara whatsapp-web link`.';

export function resolveWhatsappWebConfig(env: WhatsappWebEnv): ChannelConfigResult<WhatsappWebConfig> {
  if (!env.WHATSAPP_WEB_ENABLED) return { ok: true, config: null, disabled: WHATSAPP_WEB_DISABLED };
  return {
    ok: true,
    config: {
      session: env.WHATSAPP_WEB_SESSION,
      sendsPerMinute: env.WHATSAPP_WEB_SENDS_PER_MINUTE,
      lockTtlMs: env.WHATSAPP_WEB_LOCK_TTL_SECONDS * 1000,
    },
  };
}
