import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Channel } from '../channels/channel-adapter.js';
import { SIMULATOR_ADDRESS_PREFIX } from '../channels/simulator/simulator-adapter.js';
import type { Category } from '../classifier/classification.js';
import type { Config } from '../config.js';
import { type ReportStatus, reports } from '../db/schema/reports.js';
import { surveyResponses } from '../db/schema/survey-responses.js';
import type { Logger } from '../logger.js';
import type { ConversationHandler } from '../pipeline/conversation-handler.js';
import { sealInbound } from '../pipeline/inbound-job.js';
import type { OutboundProducer } from '../pipeline/outbound-producer.js';
import { processInbound } from '../pipeline/process-inbound.js';
import { createConversationRuntime } from '../runtime/create-conversation-runtime.js';
import { createServices } from '../runtime/create-services.js';
import { createTriageRuntime, workspaceBaseUrl } from '../runtime/create-triage-runtime.js';
import { type Domain, loadDomain } from '../runtime/load-domain.js';
import { seededRandom } from '../seeded-random.js';
import { advanceDemoReport, type DemoProgression } from './advance-demo-report.js';
import { DEMO_COMPLAINTS, type DemoComplaint } from './demo-complaints.js';
import { type SeededUser, seedDemoStaff } from './seed-demo-staff.js';

export interface SeedOptions {
  reports: number;
  /** Progress lines (every 50 reports). */
  progress?: (line: string) => void;
  /** Seed of the pseudo-random choices, for reproducible demos. */
  seed?: number;
}

export interface SeedResult {
  users: SeededUser[];
  reports: number;
  /** Numbers to type into the web simulator: consenting citizens a campaign can invite. */
  simulatorNumbers: string[];
  /** Survey responses made by demo citizens who answered a scorecard by keyword. */
  surveyResponses: number;
  byStatus: Record<ReportStatus, number>;
  baseUrl: string;
}

/** Demo replies and notifications are stored (as queued or held) but never handed to a provider. */
const noopOutbound: OutboundProducer = {
  async enqueue() {},
  async requeue() {
    return 'pending';
  },
  async close() {},
};

/** Simulator citizens of Kutai Kartanegara who agreed to surveys (typed into /simulator as they are). */
export const SIMULATOR_NUMBERS = [
  '+6281100000001',
  '+6281100000002',
  '+6281100000003',
  '+6281100000004',
] as const;

/** Scorecard answers by keyword (NILAI DLH): rating, DLH came or not, priority, comment or LEWATI. */
const DEMO_SURVEY_ANSWERS: readonly (readonly string[])[] = [
  ['NILAI DLH 2', 'TIDAK', '1', 'DLH tidak pernah datang cek air sungai kami'],
  ['NILAI DLH 3', 'YA', '3', 'LEWATI'],
  ['NILAI DLH 2', 'TIDAK', '2', 'debu batubara tiap hari, tolong diukur'],
  ['NILAI DLH 4', 'YA', '1', 'LEWATI'],
  ['NILAI DLH 1', 'TIDAK', '3', 'lubang bekas tambang dekat sekolah belum ditutup'],
  ['NILAI DLH 3', 'TIDAK', '4', 'LEWATI'],
  ['NILAI DLH 3', 'YA', '2', 'LEWATI'],
  ['NILAI DLH 2', 'TIDAK', '1', 'sumur warga keruh sejak ada tambang'],
  ['NILAI DLH 5', 'YA', '4', 'LEWATI'],
  ['NILAI DLH 2', 'TIDAK', '5', 'LEWATI'],
];

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * Fills the database with demo staff and reports: complaints go through the real conversation engine
 * (flows, classifier, gazetteer) as fake Indonesian numbers, then the admin moves them through the stages.
 * Nothing is sent: the outbound producer is a no-op, so replies and notifications stay queued or held.
 */
export async function seedDemo(config: Config, logger: Logger, options: SeedOptions): Promise<SeedResult> {
  const random = seededRandom(options.seed ?? Date.now());
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const realNow = new Date();
  let current = realNow;
  const clock = () => new Date(current.getTime());

  const base = createServices(config, logger);
  const services = { ...base, outbound: noopOutbound };
  let domain: Domain | null = null;
  try {
    domain = await loadDomain(config, logger);
    const workspace = createTriageRuntime(services, domain, clock);
    const conversations = await createConversationRuntime(services, domain, clock);

    // Users first, at the real time, so their set-password links are valid from now.
    const { users, admin: staff } = await seedDemoStaff(workspace.userAdmin, base.database.db);

    let lastReplies: string[] = [];
    let lastContactId: string | null = null;
    const handler: ConversationHandler = {
      async handle(input) {
        const result = await conversations.handler.handle(input);
        lastReplies = result.replies.map((reply) => reply.body);
        lastContactId = input.contact.id;
        return result;
      },
    };
    const deps = { db: base.database.db, cipher: base.cipher, handler, outbound: noopOutbound, logger };

    async function say(
      from: string,
      channel: Channel,
      body: string,
      provider: 'twilio' | 'simulator' = 'twilio',
    ): Promise<string> {
      lastReplies = [];
      const simulated = provider === 'simulator';
      const job = sealInbound(
        {
          provider,
          channel,
          providerMessageId: `${simulated ? 'sim-' : 'SM'}${randomBytes(16).toString('hex')}`,
          from: simulated ? `${SIMULATOR_ADDRESS_PREFIX}${from}` : from,
          to: simulated ? 'suara' : channel === 'sms' ? '+15005550006' : '+14155238886',
          body,
          media: [],
          receivedAt: clock().toISOString(),
        },
        base.cipher,
      );
      await processInbound(deps, job);
      current = new Date(current.getTime() + MINUTE);
      return lastReplies.join('\n');
    }

    /** One citizen's conversation; returns the report it made, if any. */
    async function converse(
      from: string,
      channel: Channel,
      complaint: DemoComplaint,
      provider: 'twilio' | 'simulator' = 'twilio',
    ) {
      let reply = await say(from, channel, complaint.text, provider);
      for (let turn = 0; turn < 6 && !/Kode:|Code:/.test(reply); turn++) {
        let answer: string;
        if (/Benar\?|Correct\?/.test(reply)) answer = '1';
        else if (/kabupaten|regency|Di mana|Where/i.test(reply)) answer = complaint.regency;
        else if (/foto|photo/i.test(reply)) answer = /SKIP/.test(reply) ? 'SKIP' : 'LEWATI';
        else if (/tentang apa|about\?/i.test(reply)) answer = '4';
        else break;
        reply = await say(from, channel, answer, provider);
      }
      if (!lastContactId) return null;
      const rows = await base.database.db.select().from(reports).where(eq(reports.contactId, lastContactId));
      return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;
    }

    // Receipt times over the last six months, oldest first, so reference codes follow time.
    const total = Math.max(0, Math.floor(options.reports));
    const times = Array.from(
      { length: total },
      () => realNow.getTime() - 182 * DAY * random() - 10 * MINUTE,
    ).sort((a, b) => a - b);
    const numberBase = Math.floor(random() * 100_000);
    const progression: DemoProgression = {
      triage: workspace.triage,
      staff,
      random,
      pick,
      now: realNow.getTime(),
      setClock: (at) => {
        current = new Date(at);
      },
      firstByComplaint: new Map<string, string>(),
    };
    let made = 0;
    /** Demo citizens who reported by SMS, with their province: some answer a scorecard later. */
    const reporters: { from: string; province: string }[] = [];

    for (const [index, time] of times.entries()) {
      const complaint = pick(DEMO_COMPLAINTS);
      const channel: Channel = random() < 0.6 ? 'sms' : 'whatsapp';
      const from = `+62899000${String((numberBase + index) % 100_000).padStart(5, '0')}`;
      current = new Date(time);
      const report = await converse(from, channel, complaint);
      if (report) {
        made++;
        if (channel === 'sms' && report.provinceCode) reporters.push({ from, province: report.provinceCode });
        await advanceDemoReport(
          progression,
          report.referenceCode,
          report.category as Category | null,
          time,
          complaint,
        );
      }
      if ((index + 1) % 50 === 0)
        options.progress?.(`demo seed: ${index + 1}/${total} conversations, ${made} reports`);
    }

    // Scorecard answers by keyword from some SMS reporters, over the last two weeks.
    const answered = reporters.filter((_, i) => i % 3 === 0).slice(0, DEMO_SURVEY_ANSWERS.length);
    for (const [index, { from }] of answered.entries()) {
      const answer = DEMO_SURVEY_ANSWERS[index];
      if (!answer) break;
      current = new Date(realNow.getTime() - (14 - index) * DAY * 0.9);
      for (const text of answer) await say(from, 'sms', text);
    }
    // Citizens of the web simulator, who reported and agreed to surveys (IKUT): a campaign to Kutai
    // Kartanegara reaches them, and whoever types their number into /simulator answers it.
    const kukar = DEMO_COMPLAINTS.filter((c) => c.province === '64' && c.regency === 'Kutai Kartanegara');
    for (const [index, number] of SIMULATOR_NUMBERS.entries()) {
      const complaint = kukar[index % kukar.length];
      if (!complaint) break;
      current = new Date(realNow.getTime() - (3 - index * 0.3) * DAY);
      const report = await converse(number, 'sms', complaint, 'simulator');
      if (!report) throw new Error(`demo simulator citizen ${number} made no report`);
      await say(number, 'sms', 'IKUT', 'simulator');
    }
    current = realNow;
    const responses = await base.database.db.select({ id: surveyResponses.id }).from(surveyResponses);

    const byStatus: Record<ReportStatus, number> = {
      new: 0,
      validated: 0,
      rejected: 0,
      in_follow_up: 0,
      closed: 0,
    };
    for (const row of await base.database.db
      .select({ status: reports.status })
      .from(reports)
      .where(eq(reports.simulated, false)))
      byStatus[row.status]++;
    return {
      users,
      reports: made,
      simulatorNumbers: [...SIMULATOR_NUMBERS],
      surveyResponses: responses.length,
      byStatus,
      baseUrl: workspaceBaseUrl(config),
    };
  } finally {
    domain?.close();
    await base.close();
  }
}
