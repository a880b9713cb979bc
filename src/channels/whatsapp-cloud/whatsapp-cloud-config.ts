import { z } from 'zod';
import type { ChannelConfigResult } from '../channel-config-result.js';

const templateName = z
  .string()
  .regex(/^[a-z0-9_]{1,512}$/, { message: 'must be a template name: lower-case letters, digits and _' })
  .optional();

/** The WhatsApp Cloud API channel's slice of the environment schema. */
export const whatsappCloudEnvShape = {
  /** Meta's Graph API, or a local stand-in. */
  WHATSAPP_CLOUD_API_BASE_URL: z.url().default('https://graph.facebook.com'),
  WHATSAPP_CLOUD_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, { message: 'must look like v21.0' })
    .default('v21.0'),
  WHATSAPP_CLOUD_ACCESS_TOKEN: z.string().optional(),
  WHATSAPP_CLOUD_APP_SECRET: z.string().optional(),
  WHATSAPP_CLOUD_VERIFY_TOKEN: z.string().optional(),
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: z
    .string()
    .regex(/^\d{1,32}$/, { message: 'must be the numeric phone number id from the WhatsApp Manager' })
    .optional(),
  /**
   * Approved message templates (their names in the WhatsApp Manager, each approved in Indonesian `id`
   * and English `en`) for notifications outside the 24-hour window; body placeholders {{1}} = the
   * reference code, {{2}} = the forum's note. A notification with no template waits for the citizen.
   */
  WHATSAPP_CLOUD_TEMPLATE_VALIDATED: templateName,
  WHATSAPP_CLOUD_TEMPLATE_IN_FOLLOW_UP: templateName,
  WHATSAPP_CLOUD_TEMPLATE_CLOSED: templateName,
  WHATSAPP_CLOUD_TEMPLATE_STAFF_MESSAGE: templateName,
  /** A survey campaign's invitation: {{1}} = the survey's title, {{2}} = its first question. */
  WHATSAPP_CLOUD_TEMPLATE_SURVEY_INVITATION: templateName,
};

type WhatsappCloudEnv = z.infer<z.ZodObject<typeof whatsappCloudEnvShape>>;

export interface WhatsappCloudConfig {
  apiBaseUrl: string;
  apiVersion: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  phoneNumberId: string;
}

const REQUIRED = [
  'WHATSAPP_CLOUD_ACCESS_TOKEN',
  'WHATSAPP_CLOUD_APP_SECRET',
  'WHATSAPP_CLOUD_VERIFY_TOKEN',
  'WHATSAPP_CLOUD_PHONE_NUMBER_ID',
] as const;

export const WHATSAPP_CLOUD_DISABLED = `WhatsApp Cloud API channel disabled: set ${REQUIRED.join(', ')} to enable it.`;

export function resolveWhatsappCloudConfig(env: WhatsappCloudEnv): ChannelConfigResult<WhatsappCloudConfig> {
  const missing = REQUIRED.filter((name) => env[name] === undefined);
  if (missing.length === REQUIRED.length)
    return { ok: true, config: null, disabled: WHATSAPP_CLOUD_DISABLED };
  if (
    missing.length ||
    !env.WHATSAPP_CLOUD_ACCESS_TOKEN ||
    !env.WHATSAPP_CLOUD_APP_SECRET ||
    !env.WHATSAPP_CLOUD_VERIFY_TOKEN ||
    !env.WHATSAPP_CLOUD_PHONE_NUMBER_ID
  ) {
    return {
      ok: false,
      error: `The WhatsApp Cloud API needs ${REQUIRED.join(', ')}; missing ${missing.join(', ')} (set all four, or none).`,
    };
  }
  return {
    ok: true,
    config: {
      apiBaseUrl: env.WHATSAPP_CLOUD_API_BASE_URL,
      apiVersion: env.WHATSAPP_CLOUD_API_VERSION,
      accessToken: env.WHATSAPP_CLOUD_ACCESS_TOKEN,
      appSecret: env.WHATSAPP_CLOUD_APP_SECRET,
      verifyToken: env.WHATSAPP_CLOUD_VERIFY_TOKEN,
      phoneNumberId: env.WHATSAPP_CLOUD_PHONE_NUMBER_ID,
    },
  };
}
