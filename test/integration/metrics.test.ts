import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema/messages.js';
import { startMetricsServer } from '../../src/metrics/start-metrics-server.js';
import { metricLabelSets, metricValue } from '../support/metric-samples.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in.js';

const METRICS_TOKEN = 'metrics-token-0123456789';

describe('/metrics', () => {
  let stack: TestStack;
  let standIn: TwilioStandIn;

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    stack = await startTestStack({ env: { TWILIO_API_BASE_URL: standIn.url, METRICS_TOKEN } });
    await stack.startConversationWorkers();
  });
  afterAll(async () => {
    await stack?.close();
    await standIn?.close();
  });

  const scrape = async (headers: Record<string, string> = {}) => {
    const response = await stack.app.inject({ method: 'GET', url: '/metrics', headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    return response.body;
  };

  async function say(from: string, body: string): Promise<void> {
    const sid = messageSid();
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: sid,
      From: from,
      To: '+15005550006',
      Body: body,
    });
    expect(response.statusCode).toBe(200);
    await waitFor(async () => {
      const [row] = await stack.database.db
        .select({ handledAt: messages.handledAt })
        .from(messages)
        .where(and(eq(messages.provider, 'twilio'), eq(messages.providerMessageId, sid)));
      return row?.handledAt ?? null;
    });
  }

  it('is refused from another machine without the token, and through a proxy', async () => {
    const remote = await stack.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json()).toMatchObject({ error: 'forbidden' });
    expect(remote.body).not.toContain('suara_');

    const wrongToken = await stack.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer not-the-metrics-token' },
    });
    expect(wrongToken.statusCode).toBe(403);

    // A reverse proxy on this machine makes every caller look local: a forwarded request is not.
    const proxied = await stack.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(proxied.statusCode).toBe(403);

    const withToken = await stack.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.body).toContain('suara_queue_jobs');
    expect((await scrape()).length).toBeGreaterThan(0); // loopback, no token
  });

  it('counts a short conversation: webhooks, messages, conversations, reports, replies', async () => {
    const before = await scrape();
    const sentBefore = standIn.requests.length;
    // One citizen files a report in one message; another starts, then cancels.
    await say('+6281277700001', 'sungai tercemar limbah tambang di Samarinda');
    await say('+6281277700002', 'sungai tercemar limbah tambang');
    await say('+6281277700002', 'Batal');
    const replies = await waitFor(async () => {
      const rows = await stack.database.db
        .select({ sid: messages.providerMessageId })
        .from(messages)
        .where(eq(messages.direction, 'outbound'));
      return rows.length >= 3 && rows.every((row) => row.sid !== null) ? rows.length : null;
    });
    await waitFor(async () => standIn.requests.length - sentBefore === replies);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);

    expect(
      delta('suara_webhook_requests_total', { provider: 'twilio', route: '/webhooks/twilio', status: '200' }),
    ).toBe(3);
    expect(delta('suara_inbound_messages_total', { provider: 'twilio', outcome: 'handled' })).toBe(3);
    expect(delta('suara_inbound_seconds_count', { phase: 'total' })).toBe(3);
    expect(delta('suara_enqueue_duration_seconds_count', { result: 'ok' })).toBe(3);
    expect(delta('suara_conversations_started_total')).toBe(2);
    expect(delta('suara_conversations_completed_total')).toBe(1);
    expect(delta('suara_conversations_abandoned_total', { reason: 'cancelled' })).toBe(1);
    expect(delta('suara_reports_created_total', { category: 'environmental', province: '64' })).toBe(1);
    expect(delta('suara_reports_created_total')).toBe(1);
    expect(delta('suara_classifier_confidence_count', { category: 'environmental' })).toBe(1);
    expect(delta('suara_replies_sent_total', { provider: 'twilio' })).toBe(replies);
    expect(delta('suara_job_duration_seconds_count', { queue: 'inbound' })).toBe(3);
    expect(delta('suara_job_duration_seconds_count', { queue: 'outbound-twilio' })).toBeGreaterThanOrEqual(3);

    // Sampled at scrape time: queues (all drained), pool, parked contacts, dead letters.
    const queues = metricLabelSets(after, 'suara_queue_oldest_waiting_seconds');
    expect(queues).toEqual(
      expect.arrayContaining(['queue="inbound-0"', 'queue="inbound-3"', 'queue="outbound-twilio"']),
    );
    expect(metricValue(after, 'suara_queue_jobs', { state: 'waiting' })).toBe(0);
    expect(metricValue(after, 'suara_metrics_source_up', { source: 'redis' })).toBe(1);
    expect(metricValue(after, 'suara_metrics_source_up', { source: 'postgres' })).toBe(1);
    expect(metricValue(after, 'suara_parked_contacts')).toBe(0);
    expect(metricValue(after, 'suara_dead_letters')).toBe(0);
    expect(metricValue(after, 'suara_pg_pool_max')).toBe(10);
    expect(metricValue(after, 'suara_pg_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(after).toContain('process_cpu_user_seconds_total');
    expect(after).toContain('nodejs_eventloop_lag_seconds');
    // No label carries a number or a pseudonym.
    expect(after).not.toMatch(/81277700/);
  });

  it('is served by a worker-only process on its own port, under the same rule', async () => {
    const server = await startMetricsServer(
      { ...stack.services, providers: stack.services.adapters.keys() },
      { host: '127.0.0.1', port: 0 },
    );
    expect(server).not.toBeNull();
    try {
      const address = server?.address ?? '';
      const response = await fetch(`${address}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('suara_queue_jobs{queue="inbound-0",state="waiting"} 0');
      const forwarded = await fetch(`${address}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(forwarded.status).toBe(403);
    } finally {
      await server?.close();
    }
  });
});
