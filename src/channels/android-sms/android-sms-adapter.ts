import { createHash } from 'node:crypto';
import type { MessageStatus } from '../../db/schema/messages.js';
import { describeIssues } from '../../validation/describe-issues.js';
import type {
  ChannelAdapter,
  ChannelEvent,
  OutboundMessage,
  Parsed,
  ReconcileResult,
  SendLane,
  SendResult,
  Verification,
  WebhookRequest,
} from '../channel-adapter.js';
import { readMessageState, sendThroughDevice } from './android-sms-api.js';
import type { AndroidSmsConfig, AndroidSmsDevice } from './android-sms-config.js';
import {
  androidSmsEnvelopeSchema,
  androidSmsReceivedSchema,
  androidSmsStatusSchema,
} from './android-sms-payloads.js';
import { androidSmsSignatureMatches } from './android-sms-signature.js';
import { normalizeSender } from './normalize-sender.js';

/** The app's delivery reports as Suara's statuses. */
const STATUS_EVENTS: Readonly<Record<string, MessageStatus>> = {
  'sms:sent': 'sent',
  'sms:delivered': 'delivered',
  'sms:failed': 'failed',
};

/** Ids Suara stores are `<device key>.<id>`: a reply finds the phone the citizen wrote to from them. */
const SEPARATOR = '.';

export function createAndroidSmsAdapter(
  config: AndroidSmsConfig,
  clock: () => Date = () => new Date(),
): ChannelAdapter {
  const byKey = new Map(config.devices.map((device) => [device.key, device]));

  return {
    provider: 'android-sms',
    routesReplies: true,

    verify(request: WebhookRequest): Verification {
      const signature = header(request, 'x-signature');
      const timestamp = header(request, 'x-timestamp');
      if (!signature || !timestamp) return { ok: false, error: 'missing X-Signature or X-Timestamp header' };
      if (!request.rawBody) return { ok: false, error: 'no body to verify' };
      const rawBody = request.rawBody;
      const signers = config.devices.filter((device) =>
        androidSmsSignatureMatches(device.signingKey, rawBody, timestamp, signature),
      );
      const device = pickSigner(signers, request.body);
      if (!device) return { ok: false, error: 'X-Signature does not match any configured signing key' };
      // A correctly signed request from long ago is a replay or a phone clock far off. This assumes the app
      // stamps each delivery attempt afresh; its retries run for about two days, so if one is ever refused
      // as stale, ANDROID_SMS_TIMESTAMP_TOLERANCE_SECONDS must cover that (duplicates are still stored once).
      const skew = Math.abs(clock().getTime() / 1000 - Number(timestamp));
      if (!/^\d{1,12}$/.test(timestamp) || skew > config.toleranceSeconds) {
        return {
          ok: false,
          stale: true,
          error: `X-Timestamp is more than ${config.toleranceSeconds} s away`,
        };
      }
      return { ok: true, source: device.key };
    },

    parseEvents(body, context): Parsed<ChannelEvent[]> {
      const device = context.source ? byKey.get(context.source) : undefined;
      if (!device) return { ok: false, error: 'unknown device' };
      const envelope = androidSmsEnvelopeSchema.safeParse(body);
      if (!envelope.success) return { ok: false, error: describeIssues(envelope.error) };
      const { event, payload, id } = envelope.data;

      if (event === 'sms:received') {
        const received = androidSmsReceivedSchema.safeParse(payload);
        if (!received.success) return { ok: false, error: describeIssues(received.error) };
        const sms = received.data;
        const sender = sms.sender ?? sms.phoneNumber;
        const from = sender ? normalizeSender(sender, config.defaultCountryCode) : null;
        if (!from) return { ok: true, value: [{ kind: 'ignored', reason: 'sender is not a phone number' }] };
        // Retries of one event keep its id; an app too old to send one gets the same fields hashed.
        const dedupe =
          id ??
          createHash('sha256')
            .update(JSON.stringify([from, sms.receivedAt ?? null, sms.simNumber ?? null, sms.message]))
            .digest('hex')
            .slice(0, 40);
        return {
          ok: true,
          value: [
            {
              kind: 'message',
              message: {
                provider: 'android-sms',
                channel: 'sms',
                providerMessageId: `${device.key}${SEPARATOR}${dedupe}`,
                from,
                to: sms.recipient ?? device.number ?? device.key,
                body: sms.message,
                media: [],
                receivedAt: context.receivedAt.toISOString(),
              },
            },
          ],
        };
      }

      const status = STATUS_EVENTS[event];
      if (status) {
        const update = androidSmsStatusSchema.safeParse(payload);
        if (!update.success) return { ok: false, error: describeIssues(update.error) };
        return {
          ok: true,
          value: [
            {
              kind: 'status',
              update: {
                providerMessageId: `${device.key}${SEPARATOR}${update.data.messageId}`,
                status,
                errorCode: status === 'failed' ? failureCode(update.data.reason ?? update.data.error) : null,
              },
            },
          ],
        };
      }
      // system:ping and events Suara does not use (MMS, data SMS): proof of life, nothing to store.
      return { ok: true, value: [{ kind: 'ignored', reason: event }] };
    },

    async send(message: OutboundMessage): Promise<SendResult> {
      if (message.channel !== 'sms') {
        return {
          ok: false,
          retry: false,
          errorCode: 'channel',
          errorMessage: 'an Android phone sends only SMS',
        };
      }
      const device = deviceFor(message.replyToProviderMessageId);
      const result = await sendThroughDevice(device, message.to, message.body, message.attemptKey);
      if (!result.ok) return result;
      return { ok: true, providerMessageId: `${device.key}${SEPARATOR}${result.id}`, status: result.status };
    },

    // Carriers block SIMs that send fast: each phone is limited on its own, and spreads its minute's
    // messages over the seconds (6 a minute: at most 1 in any second) rather than sending them in a burst.
    sendLane(message: OutboundMessage): SendLane {
      const device = deviceFor(message.replyToProviderMessageId);
      const perMinute = device.sendsPerMinute ?? config.sendsPerMinute;
      return {
        key: device.key,
        rate: { max: perMinute, durationMs: 60_000, perSecond: Math.ceil(perMinute / 60) },
      };
    },

    // The attempt's key was the message id the phone was given: the phone says whether it has it.
    async reconcile(attempt): Promise<ReconcileResult> {
      if (!attempt.attemptKey)
        return {
          state: 'unknown',
          errorCode: 'no_attempt_key',
          errorMessage: 'sent without an id to look up',
        };
      const device = deviceFor(attempt.message.replyToProviderMessageId);
      const found = await readMessageState(device, attempt.attemptKey);
      if (found.state !== 'found') return found;
      return {
        state: 'found',
        candidates: [{ providerMessageId: `${device.key}${SEPARATOR}${found.id}`, status: found.status }],
      };
    },
  };

  /** The phone the citizen wrote to; the first phone when that one is gone from the configuration. */
  function deviceFor(providerMessageId: string | undefined): AndroidSmsDevice {
    const key = providerMessageId?.split(SEPARATOR, 1)[0];
    const device = (key && byKey.get(key)) || config.devices[0];
    if (!device) throw new Error('the Android SMS channel has no device');
    return device;
  }
}

function header(request: WebhookRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Phones sharing one cloud account (and signing key) are told apart by the envelope's device id. */
function pickSigner(signers: AndroidSmsDevice[], body: unknown): AndroidSmsDevice | undefined {
  if (signers.length <= 1) return signers[0];
  const deviceId =
    typeof body === 'object' && body !== null && 'deviceId' in body && typeof body.deviceId === 'string'
      ? body.deviceId
      : undefined;
  return signers.find((device) => device.deviceId === deviceId) ?? signers.find((device) => !device.deviceId);
}

/** Android's failure reasons are constants (RESULT_ERROR_GENERIC_FAILURE); anything else is not kept. */
function failureCode(reason: string | null | undefined): string {
  return reason && /^[A-Za-z0-9_:. -]{1,64}$/.test(reason) && !/\d{6}/.test(reason) ? reason : 'failed';
}
