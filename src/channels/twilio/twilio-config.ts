import { z } from 'zod';
import type { ChannelConfigResult } from '../channel-config-result.js';

/** The Twilio channel's slice of the environment schema. */
export const twilioEnvShape = {
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_API_BASE_URL: z.url().default('https://api.twilio.com'),
  TWILIO_SMS_FROM: z.string().optional(),
  TWILIO_WHATSAPP_FROM: z.string().optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().optional(),
};

type TwilioEnv = z.infer<z.ZodObject<typeof twilioEnvShape>>;

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  smsFrom: string | undefined;
  whatsappFrom: string | undefined;
  messagingServiceSid: string | undefined;
}

export const TWILIO_DISABLED =
  'Twilio channel disabled: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to enable it.';

export function resolveTwilioConfig(
  env: TwilioEnv,
  context: { production: boolean; publicUrl: string | undefined },
): ChannelConfigResult<TwilioConfig> {
  if (env.TWILIO_AUTH_TOKEN && env.TWILIO_ACCOUNT_SID) {
    if (context.production && !context.publicUrl) {
      return {
        ok: false,
        error:
          'Missing PUBLIC_URL: Twilio signs the public webhook URL, so production needs it (e.g. https://suara.example.org).',
      };
    }
    return {
      ok: true,
      config: {
        accountSid: env.TWILIO_ACCOUNT_SID,
        authToken: env.TWILIO_AUTH_TOKEN,
        apiBaseUrl: env.TWILIO_API_BASE_URL,
        smsFrom: env.TWILIO_SMS_FROM,
        whatsappFrom: env.TWILIO_WHATSAPP_FROM,
        messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
      },
    };
  }
  if (env.TWILIO_AUTH_TOKEN || env.TWILIO_ACCOUNT_SID) {
    return {
      ok: false,
      error:
        'Twilio needs both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN; set both or neither (Twilio channel disabled).',
    };
  }
  return { ok: true, config: null, disabled: TWILIO_DISABLED };
}
