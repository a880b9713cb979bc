import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { latencyContactNumber, latencyConversation } from './latency-conversation.js';

export interface SteadyLoad {
  url: string;
  /** The URL Twilio would sign: the configured public URL plus the webhook path. */
  signedUrl: string;
  authToken: string;
  accountSid: string;
  to: string;
  /** Keeps the numbers of one run apart from another's. */
  run: number;
  contacts: number;
  perSecond: number;
  durationSeconds: number;
}

/** One webhook the load generator sent, and when (Date.now()) its answer arrived. */
export interface SentWebhook {
  sid: string;
  from: string;
  index: number;
  status: number;
  ackAt: number;
}

export interface SteadyLoadResult {
  sent: SentWebhook[];
  /** How far behind its schedule the generator fell at worst, in ms (timer and event-loop delay). */
  maxLagMs: number;
}

/**
 * Sends signed Twilio SMS webhooks at a steady rate, paced by a timer against the clock (not as fast as
 * the server answers): message n goes out at start + n / perSecond, from contact n mod contacts, so each
 * contact writes every contacts / perSecond seconds and goes through its conversation in order.
 */
export async function sendSteadyLoad(load: SteadyLoad): Promise<SteadyLoadResult> {
  const total = Math.round(load.perSecond * load.durationSeconds);
  const sent: SentWebhook[] = [];
  const inFlight = new Set<Promise<void>>();
  let maxLagMs = 0;
  let next = 0;
  const start = Date.now();

  const fire = (n: number): void => {
    const contact = n % load.contacts;
    const index = Math.floor(n / load.contacts);
    const params = {
      AccountSid: load.accountSid,
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      From: latencyContactNumber(load.run, contact),
      To: load.to,
      Body: latencyConversation(index),
      NumMedia: '0',
    };
    const signature = twilio.getExpectedTwilioSignature(load.authToken, load.signedUrl, params);
    const request = fetch(load.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      })
      .catch(() => 0)
      .then((status) => {
        sent.push({ sid: params.MessageSid, from: params.From, index, status, ackAt: Date.now() });
      });
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };

  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = Date.now();
      const due = Math.min(total, Math.floor(((now - start) * load.perSecond) / 1000) + 1);
      if (next < due) maxLagMs = Math.max(maxLagMs, now - (start + (next * 1000) / load.perSecond));
      while (next < due) fire(next++);
      if (next < total) setTimeout(tick, 2);
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  return { sent, maxLagMs };
}
