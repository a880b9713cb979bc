import type { Twilio } from 'twilio';
import type { TwilioConfig } from '../../config.js';
import type { ReconcileResult, SendAttempt } from '../channel-adapter.js';
import { mapTwilioStatus } from './twilio-status.js';

const WHATSAPP_PREFIX = 'whatsapp:';

/** Twilio's `date_created` has whole seconds, and Twilio's clock is not ours. */
const CLOCK_SKEW_MS = 60_000;

/** Replies to one citizen are few: the newest 50 of them reach back well past any retry. */
const LOOK_BACK = 50;

/**
 * Asks Twilio for the messages it holds to the recipient (from our sender) created since the attempt,
 * with the attempt's text. Not filtered by `DateSent`: Twilio filters that by day, and a message still
 * queued has no send date yet. A trial account prefixes the text, so the end of the text is compared.
 */
export async function reconcileTwilioSend(
  client: Twilio,
  config: TwilioConfig,
  attempt: SendAttempt,
): Promise<ReconcileResult> {
  const { message } = attempt;
  const whatsapp = message.channel === 'whatsapp';
  const configured = whatsapp ? config.whatsappFrom : config.smsFrom;
  const from = configured ? (whatsapp ? `${WHATSAPP_PREFIX}${strip(configured)}` : configured) : undefined;
  let listed: Awaited<ReturnType<Twilio['messages']['list']>>;
  try {
    listed = await client.messages.list({
      to: whatsapp ? `${WHATSAPP_PREFIX}${message.to}` : message.to,
      ...(from ? { from } : {}),
      limit: LOOK_BACK,
    });
  } catch (error) {
    const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : 'network';
    return { state: 'unknown', errorCode: code, errorMessage: error instanceof Error ? error.message : code };
  }
  const since = attempt.attemptedAt.getTime() - CLOCK_SKEW_MS;
  const candidates = listed
    .filter(
      (sent) =>
        sent.direction?.startsWith('outbound') &&
        (sent.dateCreated?.getTime() ?? 0) >= since &&
        (from || sent.messagingServiceSid === config.messagingServiceSid) &&
        sameText(sent.body ?? '', message),
    )
    .sort((a, b) => (a.dateCreated?.getTime() ?? 0) - (b.dateCreated?.getTime() ?? 0))
    .map((sent) => ({ providerMessageId: sent.sid, status: mapTwilioStatus(sent.status) ?? 'sent' }));
  return candidates.length ? { state: 'found', candidates } : { state: 'not-found' };
}

function sameText(listed: string, message: SendAttempt['message']): boolean {
  // A Content template's text is Twilio's rendering of it: only recipient, sender and time can match.
  if (message.template) return true;
  return message.body === '' ? listed === '' : listed === message.body || listed.endsWith(message.body);
}

function strip(address: string): string {
  return address.startsWith(WHATSAPP_PREFIX) ? address.slice(WHATSAPP_PREFIX.length) : address;
}
