import { Counter, Gauge, Histogram } from 'prom-client';
import type { AbandonReason } from './conversation-transition.js';
import { metricsRegistry } from './metrics-registry.js';

// Label values are bounded by construction: providers, route patterns, HTTP statuses, queue names,
// categories, province codes and provider error codes — never a contact, a number or a message id.

const registers = [metricsRegistry];
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const AGE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];

const webhookRequests = new Counter({
  name: 'suara_webhook_requests_total',
  help: 'Webhook requests answered, by provider, route pattern and HTTP status.',
  labelNames: ['provider', 'route', 'status'] as const,
  registers,
});
const enqueueDuration = new Histogram({
  name: 'suara_enqueue_duration_seconds',
  help: 'Time to hand an inbound message to Redis (the webhook waits for it before answering).',
  labelNames: ['result'] as const,
  buckets: LATENCY_BUCKETS,
  registers,
});
const jobDuration = new Histogram({
  name: 'suara_job_duration_seconds',
  help: 'Time a worker spent on one job, by queue (inbound partitions together).',
  labelNames: ['queue'] as const,
  buckets: JOB_BUCKETS,
  registers,
});
const jobFailures = new Counter({
  name: 'suara_job_failures_total',
  help: 'Job attempts that failed (BullMQ retries them until their attempts run out), by queue.',
  labelNames: ['queue'] as const,
  registers,
});
const inboundMessages = new Counter({
  name: 'suara_inbound_messages_total',
  help: 'Inbound messages handled by the workers, by provider and outcome (handled, duplicate, parked, coalesced, dead_lettered).',
  labelNames: ['provider', 'outcome'] as const,
  registers,
});
const inboundSeconds = new Histogram({
  name: 'suara_inbound_seconds',
  help: 'Per handled inbound message: queue_wait (queued to picked up), handling (picked up to done) and total (received by the webhook to done).',
  labelNames: ['phase'] as const,
  buckets: AGE_BUCKETS,
  registers,
});
const repliesSent = new Counter({
  name: 'suara_replies_sent_total',
  help: 'Replies accepted by the provider.',
  labelNames: ['provider'] as const,
  registers,
});
const repliesFailed = new Counter({
  name: 'suara_replies_failed_total',
  help: 'Reply send attempts the provider refused or that did not reach it, by provider, error code and whether it is retried.',
  labelNames: ['provider', 'error_code', 'retry'] as const,
  registers,
});
const repliesNotSent = new Counter({
  name: 'suara_replies_not_sent_total',
  help: 'Replies not sent by decision: held (WhatsApp window closed), opted_out, channel_disabled, unconfirmed (an attempt the provider cannot confirm: not sent again).',
  labelNames: ['provider', 'reason'] as const,
  registers,
});
const outboundPauses = new Counter({
  name: 'suara_outbound_pauses_total',
  help: 'Times sending to a provider waited: rate_limit (a message waited for the send rate) or provider_429 (the provider asked to slow down; its queue paused).',
  labelNames: ['provider', 'reason'] as const,
  registers,
});
const conversationsStarted = new Counter({
  name: 'suara_conversations_started_total',
  help: 'Conversations started.',
  registers,
});
const conversationsCompleted = new Counter({
  name: 'suara_conversations_completed_total',
  help: 'Conversations that filed a report.',
  registers,
});
const conversationsAbandoned = new Counter({
  name: 'suara_conversations_abandoned_total',
  help: "Conversations that ended without a report, by reason (expired is counted when the citizen's next message finds it idle).",
  labelNames: ['reason'] as const,
  registers,
});
const reportsCreated = new Counter({
  name: 'suara_reports_created_total',
  help: 'Reports filed by citizens, by category and province code (none: no place given).',
  labelNames: ['category', 'province'] as const,
  registers,
});
const classifierConfidence = new Histogram({
  name: 'suara_classifier_confidence',
  help: "The classifier's confidence in its category, for each filed report it classified.",
  labelNames: ['category'] as const,
  buckets: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95],
  registers,
});
const contactsParked = new Counter({
  name: 'suara_contacts_parked_total',
  help: 'Contacts newly parked by the flood limits, by reason.',
  labelNames: ['reason'] as const,
  registers,
});

/** Sampled when Prometheus scrapes (see refresh-runtime-gauges.ts). */
export const runtimeGauges = {
  queueJobs: new Gauge({
    name: 'suara_queue_jobs',
    help: 'Jobs per queue and state (waiting, active, delayed, prioritized, failed).',
    labelNames: ['queue', 'state'] as const,
    registers,
  }),
  queueOldestWaiting: new Gauge({
    name: 'suara_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting in each queue (0 when none waits).',
    labelNames: ['queue'] as const,
    registers,
  }),
  parkedContacts: new Gauge({
    name: 'suara_parked_contacts',
    help: 'Contacts parked now (messages stored, not answered).',
    registers,
  }),
  deadLetters: new Gauge({
    name: 'suara_dead_letters',
    help: 'Inbound messages set aside as dead letters and not yet replayed.',
    registers,
  }),
  poolConnections: new Gauge({
    name: 'suara_pg_pool_connections',
    help: "This process's Postgres pool: total and idle connections, and callers waiting for one.",
    labelNames: ['state'] as const,
    registers,
  }),
  poolMax: new Gauge({
    name: 'suara_pg_pool_max',
    help: "This process's Postgres pool size limit.",
    registers,
  }),
  sourceUp: new Gauge({
    name: 'suara_metrics_source_up',
    help: 'Whether the last scrape could read its source (redis, postgres): 1 or 0.',
    labelNames: ['source'] as const,
    registers,
  }),
};

/** Inbound partitions share one label value: their count is configuration, not signal. */
export function queueFamily(queue: string): string {
  return queue.startsWith('inbound-') ? 'inbound' : queue;
}

/** Provider error codes are short tokens (Twilio's are numbers); anything else is folded. */
function errorCodeLabel(code: string): string {
  return /^[A-Za-z0-9_.-]{1,32}$/.test(code) ? code : 'other';
}

function provinceLabel(code: string | null): string {
  if (code === null) return 'none';
  return /^\d{2}$/.test(code) ? code : 'other';
}

/** The small named functions the pipeline calls. */
export const metrics = {
  webhookRequest(provider: string, route: string, status: number): void {
    webhookRequests.inc({ provider, route, status: String(status) });
  },
  enqueued(seconds: number, ok: boolean): void {
    enqueueDuration.observe({ result: ok ? 'ok' : 'error' }, seconds);
  },
  jobFinished(queue: string, seconds: number): void {
    jobDuration.observe({ queue: queueFamily(queue) }, seconds);
  },
  jobFailed(queue: string): void {
    jobFailures.inc({ queue: queueFamily(queue) });
  },
  inboundMessage(
    provider: string,
    outcome: string,
    timings: { queueWaitMs: number; handlingMs: number; totalMs: number } | null,
  ): void {
    inboundMessages.inc({ provider, outcome });
    if (!timings) return;
    inboundSeconds.observe({ phase: 'queue_wait' }, timings.queueWaitMs / 1000);
    inboundSeconds.observe({ phase: 'handling' }, timings.handlingMs / 1000);
    inboundSeconds.observe({ phase: 'total' }, timings.totalMs / 1000);
  },
  replySent(provider: string): void {
    repliesSent.inc({ provider });
  },
  replyFailed(provider: string, errorCode: string, retry: boolean): void {
    repliesFailed.inc({ provider, error_code: errorCodeLabel(errorCode), retry: String(retry) });
  },
  replyNotSent(provider: string, reason: 'held' | 'opted_out' | 'channel_disabled' | 'unconfirmed'): void {
    repliesNotSent.inc({ provider, reason });
  },
  outboundPaused(provider: string, reason: 'rate_limit' | 'provider_429'): void {
    outboundPauses.inc({ provider, reason });
  },
  conversationTurn(transition: {
    started: boolean;
    completed: boolean;
    abandoned: AbandonReason | null;
  }): void {
    if (transition.started) conversationsStarted.inc();
    if (transition.completed) conversationsCompleted.inc();
    if (transition.abandoned) conversationsAbandoned.inc({ reason: transition.abandoned });
  },
  reportCreated(
    category: string,
    provinceCode: string | null,
    classifier: { category: string; confidence: number } | null,
  ): void {
    reportsCreated.inc({ category, province: provinceLabel(provinceCode) });
    if (classifier) classifierConfidence.observe({ category: classifier.category }, classifier.confidence);
  },
  contactParked(reason: string): void {
    contactsParked.inc({ reason });
  },
};
