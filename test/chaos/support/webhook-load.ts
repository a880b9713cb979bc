import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { CHAOS_ACCOUNT_SID, CHAOS_AUTH_TOKEN, CHAOS_PUBLIC_URL, CHAOS_SMS_FROM } from './chaos-deployment.js';

export interface LoadMessage {
  sid: string;
  from: string;
  /** Unique to this message, so it can be traced in Postgres and searched for in Redis. */
  token: string;
  body: string;
}

export type LoadOutcome =
  | { kind: 'acknowledged' }
  /** An HTTP answer other than 200: not acknowledged, so Suara owes nothing for it. */
  | { kind: 'refused'; status: number }
  /** No answer (connection refused or reset, or none within Twilio's 15 s): not acknowledged either. */
  | { kind: 'unanswered'; reason: string };

export interface WebhookLoad {
  messages: LoadMessage[];
  numbers: string[];
  outcomes: Map<string, LoadOutcome>;
  /** How many requests have been answered or given up on so far. */
  done(): number;
  /** Resolves when every message has been sent once. */
  finished: Promise<void>;
}

export interface WebhookLoadOptions {
  url: string;
  messages: number;
  numbers: number;
  perSecond: number;
  concurrency: number;
}

/** Signs a form the way Twilio does (with the twilio package's own function) for the public URL. */
export function signTwilioForm(params: Record<string, string | string[]>): string {
  return twilio.getExpectedTwilioSignature(CHAOS_AUTH_TOKEN, `${CHAOS_PUBLIC_URL}/webhooks/twilio`, params);
}

/**
 * Sends `messages` signed Twilio webhooks from `numbers` senders at a steady pace, each once: Twilio does
 * not retry a webhook that was answered with an error (it calls the fallback URL, if any), so a refused
 * message is recorded as refused, not tried again.
 */
export function startWebhookLoad(options: WebhookLoadOptions): WebhookLoad {
  const run = randomBytes(3).toString('hex');
  const numbers = Array.from({ length: options.numbers }, (_, i) => `+628139${String(i).padStart(6, '0')}`);
  const messages: LoadMessage[] = Array.from({ length: options.messages }, (_, i) => {
    const token = `chaos${run}m${i}x`;
    return {
      sid: `SM${run}${String(i).padStart(26, '0')}`,
      from: numbers[i % numbers.length] ?? '',
      token,
      body: `air sungai keruh dekat tambang ${token}`,
    };
  });
  const outcomes = new Map<string, LoadOutcome>();
  let next = 0;
  let done = 0;
  const startedAt = Date.now();

  const send = async (message: LoadMessage): Promise<LoadOutcome> => {
    const params = {
      AccountSid: CHAOS_ACCOUNT_SID,
      MessageSid: message.sid,
      From: message.from,
      To: CHAOS_SMS_FROM,
      Body: message.body,
      NumMedia: '0',
    };
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signTwilioForm(params),
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(15_000),
      });
      await response.arrayBuffer();
      return response.status === 200
        ? { kind: 'acknowledged' }
        : { kind: 'refused', status: response.status };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason =
        cause instanceof Error ? ('code' in cause ? String(cause.code) : cause.name) : String(cause);
      return { kind: 'unanswered', reason };
    }
  };

  const lane = async () => {
    for (;;) {
      const index = next++;
      const message = messages[index];
      if (!message) return;
      const due = startedAt + (index * 1000) / options.perSecond;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      outcomes.set(message.sid, await send(message));
      done += 1;
    }
  };
  const finished = Promise.all(Array.from({ length: options.concurrency }, lane)).then(() => {});

  return { messages, numbers, outcomes, done: () => done, finished };
}
