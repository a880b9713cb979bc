import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/database.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import { type ReportRow, reports } from '../../src/db/schema/reports.js';

const HOUR = 3_600_000;

export interface FixtureReport {
  /** Reports with the same citizen key share a contact. */
  citizen: string;
  receivedAt: string;
  category: 'licensing' | 'environmental' | 'revenue' | 'other';
  province?: string | null;
  regency?: string | null;
  channel?: 'sms' | 'whatsapp';
  status?: ReportRow['status'];
  outcome?: ReportRow['outcome'];
  categorySource?: 'both' | 'citizen' | 'classifier' | 'staff';
  duplicateOf?: string;
  simulated?: boolean;
  /** Hours after receipt. */
  triagedAfter?: number;
  followedUpAfter?: number;
  closedAfter?: number;
  due?: { at: string; kind: 'triage' | 'follow_up' | 'closure' };
  text?: string;
}

/**
 * Writes reports as they would stand after triage, straight into the tables, so a test can state
 * exactly which stages, dates and follow-ups its figures come from. Returns report ids by reference code.
 */
export async function insertFixtureReports(db: Db, rows: Record<string, FixtureReport>) {
  const contactIds = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const [code, row] of Object.entries(rows)) {
    let contactId = contactIds.get(row.citizen);
    const channel = row.channel ?? 'sms';
    if (!contactId) {
      const [contact] = await db
        .insert(contacts)
        .values({
          pseudonym: `W-${randomBytes(4).toString('hex')}`,
          channel,
          addressHash: randomBytes(16).toString('hex'),
          addressEnc: 'sealed',
          provider: 'twilio',
        })
        .returning({ id: contacts.id });
      if (!contact) throw new Error('no contact');
      contactId = contact.id;
      contactIds.set(row.citizen, contactId);
    }
    const received = new Date(row.receivedAt);
    const after = (hours: number | undefined) =>
      hours === undefined ? null : new Date(received.getTime() + hours * HOUR);
    const [message] = await db
      .insert(messages)
      .values({ direction: 'inbound', channel, provider: 'twilio', contactId, status: 'received', body: 'x' })
      .returning({ id: messages.id });
    if (!message) throw new Error('no message');
    const duplicateOfId = row.duplicateOf ? ids.get(row.duplicateOf) : undefined;
    if (row.duplicateOf && !duplicateOfId) throw new Error(`${row.duplicateOf} must come first`);
    const status = row.status ?? 'new';
    const [report] = await db
      .insert(reports)
      .values({
        referenceCode: code,
        contactId,
        sourceMessageId: message.id,
        channel,
        flowId: 'report',
        language: 'id',
        category: row.category,
        categorySource: row.categorySource ?? 'both',
        texts: [row.text ?? `laporan ${code}`],
        provinceCode: row.province === undefined ? '64' : row.province,
        regencyCode: row.regency ?? null,
        citizenMessages: 2,
        status,
        outcome: row.outcome ?? null,
        simulated: row.simulated ?? false,
        duplicateOfId: duplicateOfId ?? null,
        triagedAt: after(row.triagedAfter),
        validatedAt: ['validated', 'in_follow_up', 'closed'].includes(status)
          ? after(row.triagedAfter)
          : null,
        firstFollowUpAt: after(row.followedUpAfter),
        closedAt: after(row.closedAfter),
        dueAt: row.due ? new Date(row.due.at) : null,
        dueKind: row.due?.kind ?? null,
        conversationStartedAt: received,
        createdAt: received,
        updatedAt: received,
      })
      .returning({ id: reports.id });
    if (!report) throw new Error('no report');
    ids.set(code, report.id);
  }
  return ids;
}
