import { eq } from 'drizzle-orm';
import type { Staff } from '../auth/staff.js';
import { contacts } from '../db/schema/contacts.js';
import { type FollowUpKind, followUps } from '../db/schema/follow-ups.js';
import { type ReportActor, refuse, type TriageDeps } from './report-actor.js';

export interface FollowUpInput {
  kind: FollowUpKind;
  date: string;
  agency?: string | undefined;
  description: string;
  outcome?: string | undefined;
}

/** Notes, follow-up records, masked messages to the citizen, and the audited reveal of the number. */
export function createConversationActions(deps: TriageDeps, act: ReportActor) {
  return {
    addNote(staff: Staff, code: string, text: string, ip: string | null) {
      return act(staff, code, ip, 'report.note', async () => ({
        ok: true,
        value: {},
        event: { type: 'note', data: { text } },
      }));
    },

    addFollowUp(staff: Staff, code: string, input: FollowUpInput, ip: string | null) {
      return act(staff, code, ip, 'report.follow_up', async ({ tx, report, now, message }) => {
        if (report.status !== 'validated' && report.status !== 'in_follow_up')
          return refuse(
            report.status === 'closed'
              ? 'The report is closed: reopen it before recording another follow-up.'
              : 'Validate the report before recording what the forum did about it.',
          );
        const [row] = await tx
          .insert(followUps)
          .values({
            reportId: report.id,
            kind: input.kind,
            actionDate: input.date,
            agency: input.agency?.trim() || null,
            description: input.description,
            outcome: input.outcome?.trim() || null,
            createdBy: staff.userId,
            createdAt: now,
          })
          .returning({ id: followUps.id });
        const entering = report.status === 'validated';
        let notification: string | null = null;
        if (entering) {
          const delivery = await message('notify_in_follow_up', { note: report.publicNote ?? '' });
          notification = delivery.state === 'skipped' ? `skipped: ${delivery.reason}` : delivery.state;
        }
        return {
          ok: true,
          value: { id: row?.id ?? null, status: entering ? 'in_follow_up' : report.status },
          changes: {
            firstFollowUpAt: report.firstFollowUpAt ?? now,
            ...(entering ? { status: 'in_follow_up' as const } : {}),
          },
          event: { type: 'follow_up', data: { ...input, id: row?.id ?? null, notification } },
        };
      });
    },

    sendMessage(staff: Staff, code: string, text: string, ip: string | null) {
      return act(staff, code, ip, 'report.message', async ({ now, message }) => {
        const delivery = await message('staff_message', { text });
        if (delivery.state === 'skipped')
          return refuse('The citizen opted out of messages (sent STOP); Suara will not write to them.');
        return {
          ok: true,
          value: { messageId: delivery.messageId, delivery: delivery.state },
          // The citizen's answers in this window join this report's thread instead of starting a new one.
          changes: { threadOpenUntil: new Date(now.getTime() + deps.maskedReplyWindowDays * 86_400_000) },
          event: { type: 'message', data: { text, messageId: delivery.messageId, delivery: delivery.state } },
        };
      });
    },

    reveal(staff: Staff, code: string, reason: string, ip: string | null) {
      return act(staff, code, ip, 'report.reveal_number', async ({ tx, report }) => {
        const [contact] = await tx.select().from(contacts).where(eq(contacts.id, report.contactId));
        if (!contact) return refuse('The report has no contact.');
        // The audit entry (action report.reveal_number) names the reason, never the number.
        return {
          ok: true,
          value: { number: deps.cipher.decrypt(contact.addressEnc), channel: contact.channel },
          event: { type: 'reveal', data: { reason } },
          after: { reason },
        };
      });
    },
  };
}
