import { and, desc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.js';
import { provinceScope, type Staff } from '../auth/staff.js';
import type { Classify } from '../classifier/classification.js';
import { languageSchema } from '../conversation/flows/flow-schema.js';
import type { FlowSet } from '../conversation/flows/flow-set.js';
import type { Db } from '../db/database.js';
import { campaigns } from '../db/schema/campaigns.js';
import { contacts } from '../db/schema/contacts.js';
import { conversationEvents } from '../db/schema/conversation-events.js';
import { messages } from '../db/schema/messages.js';
import { reports } from '../db/schema/reports.js';
import { surveyResponses } from '../db/schema/survey-responses.js';
import { insertReport, referenceCodeFor } from '../reports/report-repository.js';
import { nextDeadline } from '../triage/next-deadline.js';
import type { ServiceLevels } from '../triage/service-levels-schema.js';

export type CommentReportResult =
  | { ok: true; value: { referenceCode: string; created: boolean } }
  | { ok: false; status: 404 | 409; message: string };

export interface CommentReportDeps {
  db: Db;
  flows: () => FlowSet;
  /** Loaded on first use: the workspace starts without the classifier's model. */
  classify: () => Promise<Classify>;
  serviceLevels: ServiceLevels;
  clock: () => Date;
}

export interface CommentReportService {
  /**
   * Turns a survey comment into a report: the comment is the citizen's words, the report belongs to the
   * same contact (by id) and comes from the message that carried the comment, so doing it twice gives
   * the same report. Classified like any report; audited.
   */
  toReport(
    staff: Staff,
    input: { surveyId: string; responseId: string; question: string },
  ): Promise<CommentReportResult>;
}

const missing = { ok: false, status: 404, message: 'No such comment in your scope.' } as const;

export function createCommentReportService(deps: CommentReportDeps): CommentReportService {
  let classifier: Promise<Classify> | null = null;
  const classify = () => {
    classifier ??= deps.classify();
    return classifier;
  };

  return {
    async toReport(staff, input) {
      const flow = deps.flows().flows[input.surveyId];
      const step = flow?.steps.find((s) => s.type === 'ask' && s.save_as === input.question);
      if (!flow?.survey || step?.type !== 'ask' || step.expect.type !== 'text') return missing;
      const [response] = await deps.db
        .select({ response: surveyResponses, campaignProvince: campaigns.provinceCode })
        .from(surveyResponses)
        .leftJoin(campaigns, eq(campaigns.id, surveyResponses.campaignId))
        .where(and(eq(surveyResponses.id, input.responseId), eq(surveyResponses.surveyId, input.surveyId)));
      if (!response) return missing;
      const row = response.response;
      // The same scope as the results: the respondent's province, else the inviting campaign's.
      const province = row.provinceCode ?? response.campaignProvince;
      const scope = provinceScope(staff);
      if (scope !== null && (province === null || !scope.includes(province))) return missing;
      const text = row.answers[input.question];
      if (typeof text !== 'string' || text.trim() === '') return missing;

      // The inbound message that carried the comment: one of this run's survey turns, with that text.
      const [source] = await deps.db
        .select({ id: messages.id, channel: messages.channel, createdAt: messages.createdAt })
        .from(messages)
        .innerJoin(conversationEvents, eq(conversationEvents.messageId, messages.id))
        .where(
          and(
            eq(messages.contactId, row.contactId),
            eq(messages.direction, 'inbound'),
            eq(conversationEvents.type, 'survey_response'),
            sql`${conversationEvents.data}->>'surveyId' = ${input.surveyId}`,
            sql`(${conversationEvents.data}->>'startedAt')::timestamptz = ${row.startedAt.toISOString()}::timestamptz`,
            sql`btrim(${messages.body}) = ${text.trim()}`,
          ),
        )
        .orderBy(desc(messages.createdAt))
        .limit(1);
      if (!source) return { ok: false, status: 409, message: "The comment's message is no longer stored." };

      const classification = (await classify())(text);
      const now = deps.clock();
      const [contact] = await deps.db
        .select({ provider: contacts.provider })
        .from(contacts)
        .where(eq(contacts.id, row.contactId));
      const language = languageSchema.safeParse(row.language);
      return deps.db.transaction(async (tx) => {
        const referenceCode = await referenceCodeFor(tx, source.id);
        const created = await insertReport(
          tx,
          {
            referenceCode,
            flowId: input.surveyId,
            channel: source.channel === 'whatsapp' ? 'whatsapp' : 'sms',
            language: language.success ? language.data : 'id',
            category: classification.category,
            provenance: {
              classifier: {
                category: classification.category,
                confidence: classification.confidence,
                evidence: classification.evidence,
              },
              citizenChoice: null,
            },
            texts: [text],
            location: {
              provinceCode: province,
              regencyCode: row.regencyCode,
              districtCode: null,
              villageCode: null,
              rawText: null,
            },
            media: [],
            createdAt: now.toISOString(),
            conversationStartedAt: row.startedAt.toISOString(),
            citizenMessages: 1,
          },
          row.contactId,
          source.id,
          {
            simulated: contact?.provider === 'simulator',
            due: nextDeadline(
              {
                status: 'new',
                category: classification.category,
                provinceCode: province,
                createdAt: now,
                firstFollowUpAt: null,
              },
              deps.serviceLevels,
            ),
          },
        );
        const [stored] = await tx
          .select({ id: reports.id, code: reports.referenceCode })
          .from(reports)
          .where(eq(reports.sourceMessageId, source.id));
        if (!stored) throw new Error('comment report vanished');
        if (created)
          await appendAudit(tx, {
            actorUserId: staff.userId,
            actor: staff.email,
            action: 'survey.comment_to_report',
            subjectType: 'report',
            subjectId: stored.id,
            after: {
              referenceCode: stored.code,
              source: 'survey_comment',
              surveyId: input.surveyId,
              responseId: input.responseId,
              question: input.question,
              category: classification.category,
            },
          });
        return { ok: true, value: { referenceCode: stored.code, created } } as const;
      });
    },
  };
}
