import type { MessageStatus } from '../../db/schema/messages.js';
import { describeIssues } from '../../validation/describe-issues.js';
import type {
  ChannelAdapter,
  ChannelEvent,
  Parsed,
  SendFailureMeaning,
  SendResult,
} from '../channel-adapter.js';
import { fetchNeverConnected } from '../fetch-never-connected.js';
import { cloudSendPayload } from './cloud-send-payload.js';
import { createCloudMediaFetch } from './fetch-cloud-media.js';
import { parseCloudMessage } from './parse-cloud-message.js';
import type { WhatsappCloudConfig } from './whatsapp-cloud-config.js';
import { cloudMessageSchema, cloudStatusSchema, cloudWebhookSchema } from './whatsapp-cloud-payloads.js';
import { whatsappCloudSignatureMatches } from './whatsapp-cloud-signature.js';

const STATUSES: Record<string, MessageStatus> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

/** Graph API error codes that mean something to Suara beyond "failed". */
const MEANINGS: Record<string, SendFailureMeaning> = {
  // "Re-engagement message": more than 24 hours since the citizen's last message.
  '131047': 'outside-window',
  // The user stopped marketing messages from this business.
  '131050': 'unsubscribed',
};

export function createWhatsappCloudAdapter(config: WhatsappCloudConfig): ChannelAdapter {
  const messagesUrl = `${config.apiBaseUrl.replace(/\/+$/, '')}/${config.apiVersion}/${config.phoneNumberId}/messages`;

  return {
    provider: 'whatsapp-cloud',
    fetchMedia: createCloudMediaFetch(config),

    verify(request) {
      const header = request.headers['x-hub-signature-256'];
      const signature = Array.isArray(header) ? header[0] : header;
      if (!signature) return { ok: false, error: 'missing X-Hub-Signature-256 header' };
      if (!request.rawBody) return { ok: false, error: 'no body to verify' };
      return whatsappCloudSignatureMatches(config.appSecret, request.rawBody, signature)
        ? { ok: true }
        : { ok: false, error: 'X-Hub-Signature-256 does not match' };
    },

    parseEvents(body, context): Parsed<ChannelEvent[]> {
      const parsed = cloudWebhookSchema.safeParse(body);
      if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
      const events: ChannelEvent[] = [];
      for (const entry of parsed.data.entry) {
        for (const { value } of entry.changes) {
          // One app may serve several numbers: only this one's events are Suara's.
          const number = value.metadata?.phone_number_id;
          if (number && number !== config.phoneNumberId) {
            events.push({ kind: 'ignored', reason: 'another phone number id' });
            continue;
          }
          for (const raw of value.messages ?? []) {
            const message = cloudMessageSchema.safeParse(raw);
            if (!message.success) return { ok: false, error: `message: ${describeIssues(message.error)}` };
            events.push({
              kind: 'message',
              message: parseCloudMessage(message.data, config.phoneNumberId, context.receivedAt),
            });
          }
          for (const raw of value.statuses ?? []) {
            const status = cloudStatusSchema.safeParse(raw);
            if (!status.success) return { ok: false, error: `status: ${describeIssues(status.error)}` };
            const mapped = STATUSES[status.data.status];
            if (!mapped) {
              events.push({ kind: 'ignored', reason: `status ${status.data.status}` });
              continue;
            }
            const code = status.data.errors?.[0]?.code;
            const errorCode = code === undefined ? null : String(code);
            events.push({
              kind: 'status',
              update: {
                providerMessageId: status.data.id,
                status: mapped,
                errorCode,
                ...(errorCode && MEANINGS[errorCode] === 'unsubscribed' ? { unsubscribed: true } : {}),
              },
            });
          }
        }
      }
      return { ok: true, value: events };
    },

    async send(message): Promise<SendResult> {
      if (message.channel !== 'whatsapp') {
        return {
          ok: false,
          retry: false,
          errorCode: 'channel',
          errorMessage: 'the Cloud API sends only WhatsApp',
        };
      }
      let response: Response;
      try {
        response = await fetch(messagesUrl, {
          method: 'POST',
          headers: { authorization: `Bearer ${config.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(cloudSendPayload(message)),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        // The Graph API cannot be asked whether it took a message: a send that may have reached it is
        // uncertain, and is flagged for staff instead of being sent twice.
        const uncertain = !fetchNeverConnected(error);
        return {
          ok: false,
          retry: true,
          errorCode: 'network',
          errorMessage: error instanceof Error ? error.message : String(error),
          ...(uncertain ? { uncertain } : {}),
        };
      }
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) {
        const id = sentId(body);
        if (id) return { ok: true, providerMessageId: id, status: 'sent' };
        return {
          ok: false,
          retry: false,
          errorCode: 'bad_response',
          errorMessage: 'unexpected response from the Graph API',
        };
      }
      const error = graphError(body);
      const errorCode = error.code ?? `http_${response.status}`;
      const meaning = MEANINGS[errorCode];
      return {
        ok: false,
        retry: response.status === 429 || response.status >= 500,
        errorCode,
        errorMessage: error.message ?? `HTTP ${response.status}`,
        ...(meaning ? { meaning } : {}),
      };
    },
  };
}

function sentId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('messages' in body) || !Array.isArray(body.messages))
    return undefined;
  const first: unknown = body.messages[0];
  return typeof first === 'object' && first !== null && 'id' in first && typeof first.id === 'string'
    ? first.id
    : undefined;
}

function graphError(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return {};
  const error: unknown = body.error;
  if (typeof error !== 'object' || error === null) return {};
  return {
    ...('code' in error && (typeof error.code === 'number' || typeof error.code === 'string')
      ? { code: String(error.code) }
      : {}),
    ...('message' in error && typeof error.message === 'string'
      ? { message: error.message.slice(0, 300) }
      : {}),
  };
}
