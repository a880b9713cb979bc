import type { SentWebhook } from './latency-load.js';

export interface LatencyFigures {
  /** Webhooks answered 200. */
  accepted: number;
  /** Webhooks answered anything else, or not at all: Twilio would not deliver them again. */
  refused: number;
  replied: number;
  /** Accepted messages whose first reply came later than `lateMs`, or never. */
  late: number;
  /** Accepted messages never answered at all. */
  lost: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Latency of each accepted message: from its webhook's 200 to the first reply of its turn arriving at
 * the provider stand-in (`firstReplyAt`, keyed by the inbound MessageSid).
 */
export function latencyFigures(
  sent: SentWebhook[],
  firstReplyAt: Map<string, number>,
  lateMs: number,
): LatencyFigures {
  const latencies: number[] = [];
  let refused = 0;
  let lost = 0;
  for (const webhook of sent) {
    if (webhook.status !== 200) {
      refused += 1;
      continue;
    }
    const at = firstReplyAt.get(webhook.sid);
    if (at === undefined) lost += 1;
    else latencies.push(at - webhook.ackAt);
  }
  latencies.sort((a, b) => a - b);
  const quantile = (q: number): number =>
    latencies.length
      ? (latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0)
      : Number.NaN;
  return {
    accepted: sent.length - refused,
    refused,
    replied: latencies.length,
    late: lost + latencies.filter((ms) => ms > lateMs).length,
    lost,
    p50: quantile(0.5),
    p95: quantile(0.95),
    p99: quantile(0.99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}
