import twilio from 'twilio';
import type { TwilioConfig } from '../../config.js';
import type { MediaRef } from '../../db/schema/messages.js';
import { describeIssues } from '../../validation/describe-issues.js';
import type {
  ChannelAdapter,
  InboundMessage,
  OutboundMessage,
  Parsed,
  SendFailureMeaning,
  SendResult,
  StatusUpdate,
  Verification,
  WebhookRequest,
} from '../channel-adapter.js';
import { createTwilioMediaFetch } from './fetch-twilio-media.js';
import { reconcileTwilioSend } from './reconcile-twilio-send.js';
import { TwilioHttpClient, TwilioRateLimited } from './twilio-http-client.js';
import { type FormBody, isFormBody, twilioInboundSchema, twilioStatusSchema } from './twilio-payloads.js';
import { mapTwilioStatus } from './twilio-status.js';

const WHATSAPP_PREFIX = 'whatsapp:';

/** Twilio's error codes that mean something to Suara beyond "failed". */
const MEANINGS: Record<string, SendFailureMeaning> = {
  // "Attempt to send to unsubscribed recipient": the citizen replied STOP at Twilio's level.
  '21610': 'unsubscribed',
  // "Failed to send freeform message because you are outside the allowed window."
  '63016': 'outside-window',
};

/** Network errors raised before a connection existed: the request never left. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function createTwilioAdapter(config: TwilioConfig): ChannelAdapter {
  const client = twilio(config.accountSid, config.authToken, {
    // Reads a 429's Retry-After, which the SDK's RestException leaves out.
    httpClient: new TwilioHttpClient({ autoRetry: false, timeout: 10_000 }),
  });
  // Lets the sender talk to a Twilio-compatible API (SignalWire-style) or a local stand-in.
  client.api.baseUrl = config.apiBaseUrl;

  return {
    provider: 'twilio',
    fetchMedia: createTwilioMediaFetch(config),
    // Twilio keeps every message it accepted, listable by recipient: an unknown outcome can be looked up.
    reconcile: (attempt) => reconcileTwilioSend(client, config, attempt),

    verify(request: WebhookRequest): Verification {
      const header = request.headers['x-twilio-signature'];
      const signature = Array.isArray(header) ? header[0] : header;
      if (!signature) return { ok: false, error: 'missing X-Twilio-Signature header' };
      if (!isFormBody(request.body)) return { ok: false, error: 'body is not a form' };
      // All parameters, exactly as received: filtering before validation would let a forger add fields.
      const valid = twilio.validateRequest(config.authToken, signature, request.url, request.body);
      return valid ? { ok: true } : { ok: false, error: 'X-Twilio-Signature does not match' };
    },

    parseInbound(body: unknown, receivedAt: Date): Parsed<InboundMessage> {
      const parsed = twilioInboundSchema.safeParse(body);
      if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
      const form = parsed.data;
      const whatsapp = form.From.startsWith(WHATSAPP_PREFIX);
      return {
        ok: true,
        value: {
          provider: 'twilio',
          channel: whatsapp ? 'whatsapp' : 'sms',
          providerMessageId: form.MessageSid,
          from: stripPrefix(form.From),
          to: stripPrefix(form.To),
          body: form.Body,
          media: isFormBody(body) ? readMedia(body, form.NumMedia) : [],
          receivedAt: receivedAt.toISOString(),
        },
      };
    },

    parseStatus(body: unknown): Parsed<StatusUpdate> {
      const parsed = twilioStatusSchema.safeParse(body);
      if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
      const status = mapTwilioStatus(parsed.data.MessageStatus);
      if (!status) return { ok: false, error: `unknown MessageStatus ${parsed.data.MessageStatus}` };
      const errorCode = parsed.data.ErrorCode ?? null;
      return {
        ok: true,
        value: {
          providerMessageId: parsed.data.MessageSid,
          status,
          errorCode,
          ...(errorCode && MEANINGS[errorCode] === 'unsubscribed' ? { unsubscribed: true } : {}),
        },
      };
    },

    async send(message: OutboundMessage): Promise<SendResult> {
      const whatsapp = message.channel === 'whatsapp';
      const from = whatsapp ? config.whatsappFrom : config.smsFrom;
      if (!from && !config.messagingServiceSid) {
        const variable = whatsapp ? 'TWILIO_WHATSAPP_FROM' : 'TWILIO_SMS_FROM';
        return { ok: false, retry: false, errorCode: 'config', errorMessage: `${variable} is not set` };
      }
      try {
        const sent = await client.messages.create({
          to: whatsapp ? `${WHATSAPP_PREFIX}${message.to}` : message.to,
          ...(from ? { from: whatsapp ? `${WHATSAPP_PREFIX}${stripPrefix(from)}` : from } : {}),
          ...(!from && config.messagingServiceSid ? { messagingServiceSid: config.messagingServiceSid } : {}),
          // A Content template carries its own text and media; Twilio fills it from the variables.
          ...(message.template && 'contentSid' in message.template
            ? {
                contentSid: message.template.contentSid,
                contentVariables: JSON.stringify(message.template.variables),
              }
            : {
                body: message.body,
                ...(message.media?.length ? { mediaUrl: message.media.map((m) => m.url) } : {}),
              }),
          ...(message.statusCallbackUrl ? { statusCallback: message.statusCallbackUrl } : {}),
        });
        return { ok: true, providerMessageId: sent.sid, status: mapTwilioStatus(sent.status) ?? 'sent' };
      } catch (error) {
        return classifySendError(error);
      }
    },
  };
}

function stripPrefix(address: string): string {
  return address.startsWith(WHATSAPP_PREFIX) ? address.slice(WHATSAPP_PREFIX.length) : address;
}

function readMedia(form: FormBody, count: number): MediaRef[] {
  const media: MediaRef[] = [];
  for (let i = 0; i < count; i++) {
    // A repeated key arrives as an array: every distinct URL is kept (with the type at the same position):
    // the signature covered them all, and dropping them lost the citizen's photos without a word.
    const urls = valuesOf(form[`MediaUrl${i}`]);
    const types = valuesOf(form[`MediaContentType${i}`]);
    urls.forEach((url, position) => {
      if (url && !media.some((known) => known.url === url))
        media.push({ url, contentType: types[position] ?? null });
    });
  }
  return media;
}

function valuesOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Network errors, 429 and 5xx are worth retrying; other 4xx (bad number, unsubscribed 21610) are not. */
function classifySendError(error: unknown): SendResult {
  if (error instanceof TwilioRateLimited) {
    return {
      ok: false,
      retry: true,
      errorCode: error.code,
      errorMessage: 'Too Many Requests',
      meaning: 'rate-limited',
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    };
  }
  if (error instanceof twilio.RestException) {
    const retry = error.status === 429 || error.status >= 500;
    const errorCode = String(error.code ?? error.status);
    const meaning = MEANINGS[errorCode];
    return {
      ok: false,
      retry,
      errorCode,
      errorMessage: error.message || `HTTP ${error.status}`,
      ...(meaning ? { meaning } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : 'network';
  // Only a connection never made proves Twilio did not get the request; a timeout or a dropped
  // connection may come after Twilio accepted it.
  const uncertain = !NOT_CONNECTED.has(code);
  return {
    ok: false,
    retry: true,
    errorCode: code,
    errorMessage: message,
    ...(uncertain ? { uncertain } : {}),
  };
}
