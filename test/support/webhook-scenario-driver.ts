import { createHash } from 'node:crypto';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Effect, ReportDraft } from '../../src/conversation/engine/effects.js';
import type { Language } from '../../src/conversation/flows/flow-schema.js';
import type {
  DriverTurn,
  ScenarioDriver,
  ScenarioMessage,
} from '../../src/conversation/simulator/scenario-driver.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { conversationEvents } from '../../src/db/schema/conversation-events.js';
import { messages } from '../../src/db/schema/messages.js';
import { type ReportRow, reports } from '../../src/db/schema/reports.js';
import { surveyResponses } from '../../src/db/schema/survey-responses.js';
import { DEFAULT_COALESCE_WINDOW_MS } from '../../src/pipeline/coalesce-batch.js';
import { ACCOUNT_SID, type TestStack, waitFor } from './test-stack.js';
import type { StandInMessage } from './twilio-stand-in.js';

export interface WebhookDriverOptions {
  stack: TestStack;
  /** Distinguishes this scenario's citizens from other scenarios' in the same database. */
  scenarioIndex: number;
  /** Moves the clock the conversation engine sees. */
  advanceClock(minutes: number): void;
  /**
   * The Twilio stand-in the stack sends through: a turn's replies are then what it received — what the
   * citizen's phone got — not what the database says was queued.
   */
  phone?: { messages: readonly StandInMessage[] };
}

/**
 * Plays a scenario end to end: each citizen message is a signed Twilio webhook, goes through the
 * queue, the worker, the engine and Postgres; replies are read from the provider stand-in (or, without
 * one, from the database) and effects from the database.
 */
export function createWebhookScenarioDriver(options: WebhookDriverOptions): ScenarioDriver {
  const { stack } = options;
  const db = stack.database.db;
  const contactOfMessage = (messageId: string) => contactOfMessageIn(db, messageId);
  const numbers = new Map<string, string>();
  const numberOf = (citizen: string) => {
    let number = numbers.get(citizen);
    if (!number) {
      number = `+62813${String(options.scenarioIndex).padStart(3, '0')}${String(numbers.size).padStart(4, '0')}`;
      numbers.set(citizen, number);
    }
    return number;
  };
  const sidOf = (id: string) =>
    `SM${createHash('sha256').update(`${options.scenarioIndex}/${id}`).digest('hex').slice(0, 32)}`;

  const post = async (citizen: string, message: ScenarioMessage): Promise<string> => {
    const number = numberOf(citizen);
    const whatsapp = message.channel === 'whatsapp';
    const sid = sidOf(message.id);
    const form: Record<string, string> = {
      AccountSid: ACCOUNT_SID,
      MessageSid: sid,
      From: whatsapp ? `whatsapp:${number}` : number,
      To: whatsapp ? 'whatsapp:+14155238886' : '+15005550006',
      Body: message.text,
      NumMedia: String(message.media.length),
    };
    message.media.forEach((media, i) => {
      form[`MediaUrl${i}`] = media.url;
      form[`MediaContentType${i}`] = media.contentType;
    });
    const response = await stack.postSigned('/webhooks/twilio', form);
    if (response.statusCode !== 200)
      throw new Error(`webhook answered ${response.statusCode}: ${response.body}`);
    return sid;
  };

  /** Waits until every message sent is handled, then reads what answered them (in one turn or several). */
  const answers = async (sids: string[], since: Date): Promise<DriverTurn> => {
    const inbound = await waitFor(async () => {
      const rows = await db
        .select({ id: messages.id, handledAt: messages.handledAt })
        .from(messages)
        .where(and(eq(messages.provider, 'twilio'), inArray(messages.providerMessageId, sids)));
      return rows.length === sids.length && rows.every((row) => row.handledAt) ? rows : null;
    });
    const ids = inbound.map((row) => row.id);
    const outbound = await db
      .select({ id: messages.id, body: messages.body })
      .from(messages)
      .where(
        and(
          inArray(messages.inReplyTo, ids),
          eq(messages.direction, 'outbound'),
          gte(messages.createdAt, since),
        ),
      )
      .orderBy(asc(messages.createdAt));
    const events = await db
      .select()
      .from(conversationEvents)
      .where(and(inArray(conversationEvents.messageId, ids), gte(conversationEvents.createdAt, since)))
      .orderBy(asc(conversationEvents.createdAt));
    const effects: Effect[] = [];
    for (const event of events) effects.push(await toEffect(event.type, event.data, event.messageId));
    return {
      outbound: options.phone
        ? await received(outbound.map((row) => row.id))
        : outbound.map((row) => row.body),
      effects,
    };
  };

  /**
   * What the stand-in received for these replies, in the order they were written: waits until each is
   * sent (it has the provider's id) or will not be (held, failed, unconfirmed), and fails if a reply the
   * database calls sent never arrived.
   */
  const received = async (replyIds: string[]): Promise<string[]> => {
    if (replyIds.length === 0) return [];
    const rows = await waitFor(async () => {
      const found = await db
        .select({ sid: messages.providerMessageId, status: messages.status, createdAt: messages.createdAt })
        .from(messages)
        .where(inArray(messages.id, replyIds))
        .orderBy(asc(messages.createdAt), asc(messages.id));
      const settled = found.every((row) => row.sid || ['held', 'failed', 'unconfirmed'].includes(row.status));
      return settled ? found : null;
    });
    return rows.flatMap((row) => {
      if (!row.sid) return [];
      const got = options.phone?.messages.find((message) => message.sid === row.sid);
      if (!got) throw new Error(`reply ${row.sid} is recorded as sent but never reached the stand-in`);
      return [got.body];
    });
  };
  const dbNow = async () => {
    const [row] = (await db.execute<{ now: Date }>('select clock_timestamp() as now')).rows;
    return new Date(row?.now ?? Date.now());
  };
  // Transcripts count seconds against the default window; this stack's window may be shorter.
  const secondsScale = stack.config.COALESCE_WINDOW_MS / DEFAULT_COALESCE_WINDOW_MS;

  return {
    async send(citizen: string, message: ScenarioMessage): Promise<DriverTurn> {
      const since = await dbNow();
      return answers([await post(citizen, message)], since);
    },

    async sendQuick(citizen, parts) {
      const since = await dbNow();
      const sids: string[] = [];
      for (const part of parts) {
        if (part.secondsAfter > 0) {
          await new Promise((resolve) => setTimeout(resolve, part.secondsAfter * 1000 * secondsScale));
          options.advanceClock(part.secondsAfter / 60);
        }
        sids.push(await post(citizen, part.message));
      }
      return answers(sids, since);
    },

    async advance(minutes: number) {
      options.advanceClock(minutes);
    },

    async setContactLanguage(citizen: string, language: Language) {
      const number = numberOf(citizen);
      const values = {
        pseudonym: `W-T${createHash('sha256').update(number).digest('hex').slice(0, 8).toUpperCase()}`,
        channel: 'sms',
        addressHash: stack.services.cipher.hash(number),
        addressEnc: stack.services.cipher.encrypt(number),
        provider: 'twilio',
        language,
      };
      await db
        .insert(contacts)
        .values([values, { ...values, pseudonym: `${values.pseudonym}W`, channel: 'whatsapp' }])
        .onConflictDoUpdate({ target: [contacts.channel, contacts.addressHash], set: { language } });
    },
  };

  async function toEffect(type: string, data: Record<string, unknown>, messageId: string): Promise<Effect> {
    switch (type) {
      case 'create_report': {
        const [row] = await db.select().from(reports).where(eq(reports.sourceMessageId, messageId));
        if (!row) throw new Error('create_report event without a stored report');
        return { type: 'create_report', report: toDraft(row) };
      }
      case 'update_report': {
        // Read back what the database holds, so a correction that did not reach the row fails the scenario.
        const code = String(data.referenceCode);
        const [row] = await db.select().from(reports).where(eq(reports.referenceCode, code));
        const choice = row ? toDraft(row).provenance.citizenChoice : null;
        if (!choice) throw new Error(`update_report event but report ${code} holds no citizen category`);
        return { type: 'update_report', referenceCode: code, citizenChoice: choice };
      }
      case 'opt_out':
        return { type: 'opt_out' };
      case 'opt_in':
        return { type: 'opt_in' };
      case 'set_language':
        return { type: 'set_language', language: data.language === 'en' ? 'en' : 'id' };
      case 'status_query':
        return { type: 'status_query', code: '', language: 'id' };
      case 'park_contact':
        return { type: 'park_contact', until: String(data.until), sentInWindow: Number(data.sentInWindow) };
      case 'survey_response': {
        // Read back what the database holds, so answers that did not reach the row fail the scenario.
        const [row] = await db
          .select()
          .from(surveyResponses)
          .where(
            and(
              eq(surveyResponses.surveyId, String(data.surveyId)),
              eq(surveyResponses.startedAt, new Date(String(data.startedAt))),
              eq(surveyResponses.contactId, await contactOfMessage(messageId)),
            ),
          );
        if (!row) throw new Error('survey_response event without a stored response');
        return {
          type: 'survey_response',
          response: {
            surveyId: row.surveyId,
            startedAt: row.startedAt.toISOString(),
            channel: row.channel === 'whatsapp' ? 'whatsapp' : 'sms',
            language: row.language === 'en' ? 'en' : 'id',
            campaignId: row.campaignId,
            answers: row.answers,
            completed: row.completedAt !== null,
          },
        };
      }
      case 'consent_asked':
      case 'consent_given':
        return { type, wording: String(data.wording) };
      case 'consent_withdrawn':
        return { type, keyword: String(data.keyword) };
      default:
        throw new Error(`unknown conversation event ${type}`);
    }
  }
}

async function contactOfMessageIn(db: TestStack['database']['db'], messageId: string): Promise<string> {
  const [row] = await db
    .select({ contactId: messages.contactId })
    .from(messages)
    .where(eq(messages.id, messageId));
  if (!row) throw new Error(`message ${messageId} not found`);
  return row.contactId;
}

/** The stored report, read back in the engine's shape so the scenario's expectations apply to the database row. */
function toDraft(row: ReportRow): ReportDraft {
  const category = (value: string | null) =>
    value === 'licensing' || value === 'environmental' || value === 'revenue' || value === 'other'
      ? value
      : null;
  const classifier = category(row.classifierCategory);
  return {
    referenceCode: row.referenceCode,
    flowId: row.flowId,
    channel: row.channel === 'whatsapp' ? 'whatsapp' : 'sms',
    language: row.language === 'en' ? 'en' : 'id',
    category: category(row.category) ?? 'other',
    provenance: {
      classifier: classifier
        ? {
            category: classifier,
            confidence: row.classifierConfidence ?? 0,
            evidence: row.classifierEvidence ?? [],
          }
        : null,
      citizenChoice: category(row.citizenCategory),
    },
    texts: row.texts,
    location: {
      provinceCode: row.provinceCode,
      regencyCode: row.regencyCode,
      districtCode: row.districtCode,
      villageCode: row.villageCode,
      rawText: row.locationText,
    },
    media: row.media.map((m) => ({ url: m.url, contentType: m.contentType ?? '' })),
    createdAt: row.createdAt.toISOString(),
    conversationStartedAt: row.conversationStartedAt.toISOString(),
    citizenMessages: row.citizenMessages,
  };
}
