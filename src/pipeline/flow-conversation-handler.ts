import { eq } from 'drizzle-orm';
import type { Classify } from '../classifier/classification.js';
import type { Effect, ReportDraft } from '../conversation/engine/effects.js';
import type { ConsentState, InboundInput, SendLimits } from '../conversation/engine/engine-types.js';
import { handleMessage } from '../conversation/engine/handle-message.js';
import { joinReplies } from '../conversation/engine/join-replies.js';
import { renderStatusReply } from '../conversation/engine/render-status-reply.js';
import { languageSchema } from '../conversation/flows/flow-schema.js';
import type { FlowSet } from '../conversation/flows/flow-set.js';
import { contacts } from '../db/schema/contacts.js';
import { conversationEvents } from '../db/schema/conversation-events.js';
import type { ResolveLocation } from '../geo/location-resolution.js';
import type { Logger } from '../logger.js';
import { recordTurnMetrics } from '../metrics/record-turn-metrics.js';
import { generateReferenceCode } from '../reports/reference-code.js';
import {
  insertReport,
  recordCitizenCategory,
  referenceCodeFor,
  statusOfOwnReport,
} from '../reports/report-repository.js';
import type { SessionStore } from '../sessions/session-store.js';
import { consentStateOf, recordConsentWithdrawn } from '../surveys/consent-repository.js';
import { performSurveyEffect } from '../surveys/perform-survey-effect.js';
import { nextDeadline } from '../triage/next-deadline.js';
import type { ServiceLevels } from '../triage/service-levels-schema.js';
import { attachToOpenThread } from './attach-to-open-thread.js';
import { coalesceJoinable } from './coalesce-joinable.js';
import type { ConversationHandler, Reply } from './conversation-handler.js';

/**
 * Classifying and place-finding read this much of what the citizen wrote. A 65,536-character WhatsApp
 * text took about a second of both, holding the event loop (and `suara serve`'s webhooks) that long;
 * the whole text is still stored and shown. An SMS complaint is at most 1,600 characters.
 */
const ANALYSED_CHARS = 4_000;

export interface FlowHandlerDeps {
  sessions: SessionStore;
  /** The flows in force now (hot reload swaps them between messages). */
  flows: () => FlowSet;
  classify: Classify;
  resolveLocation: ResolveLocation;
  resolveLocationReply: ResolveLocation;
  clock: () => Date;
  idleTimeoutMs: number;
  limits: SendLimits;
  /** For the first service-level deadline of a new report. */
  serviceLevels: ServiceLevels;
  logger: Logger;
}

/**
 * Runs the pure conversation engine for one stored inbound message and performs the effects it asks
 * for. Effects are idempotent per message (a report is keyed by its source message), so a retried job
 * cannot create a second report.
 */
export function createFlowConversationHandler(deps: FlowHandlerDeps): ConversationHandler {
  return {
    joinable: (body, position) => coalesceJoinable(deps.flows(), body, position),
    async handle({ message, contact, tx }) {
      const flows = deps.flows();
      const session = await deps.sessions.load(tx, contact.id);
      // After a staff member wrote to the citizen, their answer belongs to that report, not to a new one.
      const attached = await attachToOpenThread(
        tx,
        flows,
        session,
        message,
        contact,
        deps.clock(),
        deps.idleTimeoutMs,
      );
      if (attached) return { replies: attached.replies };
      const language = languageSchema.safeParse(contact.language);
      const now = deps.clock();
      const filed: ReportDraft[] = [];
      const input = (consent: ConsentState | undefined): InboundInput => ({
        text: message.body,
        media: message.media.map((m) => ({ url: m.url, contentType: m.contentType ?? '' })),
        channel: message.channel,
        id: message.id,
        parts: message.parts ?? 1,
        contact: {
          language: language.success ? language.data : null,
          optedOut: contact.optedOut,
          ...(consent ? { consent } : {}),
        },
      });
      const run = (referenceCode: string, consent?: ConsentState) =>
        handleMessage(flows, session, input(consent), {
          now,
          classify: (text) => deps.classify(text.slice(0, ANALYSED_CHARS)),
          resolveLocation: (text) => deps.resolveLocation(text.slice(0, ANALYSED_CHARS)),
          resolveLocationReply: (text) => deps.resolveLocationReply(text.slice(0, ANALYSED_CHARS)),
          referenceCode,
          idleTimeoutMs: deps.idleTimeoutMs,
          limits: deps.limits,
        });
      // The reference code and the survey consent matter only to a turn that files a report (the code
      // SMS asks for consent once): most turns run without reading them from Postgres, and a turn that
      // files one runs again (the engine is pure) when the fresh code was taken, a report already
      // exists for the message, or consent was never asked.
      const candidate = generateReferenceCode();
      let result = run(candidate);
      if (result.effects.some((effect) => effect.type === 'create_report')) {
        const code = await referenceCodeFor(tx, message.id, candidate);
        const consent = await consentStateOf(tx, contact.id);
        if (code !== candidate || consent === 'never') result = run(code, consent);
      }

      const optingOut = result.effects.some((effect) => effect.type === 'opt_out');
      const replies: Reply[] = result.outbound.map((out) => ({ body: out.text, ignoreOptOut: optingOut }));
      const log = deps.logger.child({ contact: contact.pseudonym, message: message.id });

      // The turn's events in one statement, in the order the effects were performed.
      const events = [];
      for (const effect of result.effects) {
        events.push({
          contactId: contact.id,
          messageId: message.id,
          type: effect.type,
          data: await perform(effect),
        });
      }
      if (events.length) await tx.insert(conversationEvents).values(events);

      async function perform(effect: Effect): Promise<Record<string, unknown>> {
        switch (effect.type) {
          case 'create_report': {
            const report = effect.report;
            const due = nextDeadline(
              {
                status: 'new',
                category: report.category,
                provinceCode: report.location.provinceCode,
                createdAt: new Date(report.createdAt),
                firstFollowUpAt: null,
              },
              deps.serviceLevels,
            );
            const created = await insertReport(tx, report, contact.id, message.id, {
              simulated: contact.provider === 'simulator',
              due,
            });
            if (created) filed.push(report);
            log.info(
              { ref: effect.report.referenceCode, category: effect.report.category, created },
              'report stored',
            );
            return { referenceCode: effect.report.referenceCode };
          }
          case 'update_report': {
            const changed = await recordCitizenCategory(
              tx,
              effect.referenceCode,
              contact.id,
              effect.citizenChoice,
              (row) => nextDeadline(row, deps.serviceLevels),
            );
            log.info(
              { ref: effect.referenceCode, category: effect.citizenChoice, changed },
              'category chosen by citizen',
            );
            return { referenceCode: effect.referenceCode, category: effect.citizenChoice, changed };
          }
          case 'opt_out':
          case 'opt_in': {
            const optedOut = effect.type === 'opt_out';
            await tx
              .update(contacts)
              .set({ optedOut, optedOutAt: optedOut ? deps.clock() : null })
              .where(eq(contacts.id, contact.id));
            // STOP withdraws survey consent too; MULAI does not give it back (IKUT does).
            if (optedOut) await recordConsentWithdrawn(tx, contact.id, 'stop', deps.clock());
            log.info(optedOut ? 'contact opted out' : 'contact opted in');
            return {};
          }
          case 'set_language':
            await tx.update(contacts).set({ language: effect.language }).where(eq(contacts.id, contact.id));
            return { language: effect.language };
          case 'status_query': {
            const lookup = await statusOfOwnReport(tx, effect.code, contact.id);
            replies.push({ body: renderStatusReply(flows, effect.language, lookup) });
            return { found: lookup.found };
          }
          case 'survey_response':
          case 'consent_asked':
          case 'consent_given':
          case 'consent_withdrawn':
            return performSurveyEffect(tx, contact.id, effect, deps.clock());
          case 'park_contact':
            log.warn({ until: effect.until, sent: effect.sentInWindow }, 'contact parked by loop protection');
            return { until: effect.until, sentInWindow: effect.sentInWindow };
        }
      }

      await deps.sessions.save(tx, contact.id, result.session);
      return {
        // A STATUS answer joins the turn's other replies when they fit one SMS together.
        replies: joinReplies(
          replies.map((reply) => reply.body),
          message.channel,
        ).map((body) => ({ body, ignoreOptOut: optingOut })),
        afterCommit: async () => {
          recordTurnMetrics(session, result, filed, now, deps.idleTimeoutMs);
          await deps.sessions.cache(contact.id, result.session);
        },
      };
    },
  };
}
