import { z } from 'zod';
import { CATEGORIES } from '../../../classifier/classification.js';
import { FOLLOW_UP_KINDS } from '../../../db/schema/follow-ups.js';
import { CLOSE_OUTCOMES, REJECTION_REASONS, REPORT_STATUSES } from '../../../db/schema/reports.js';

export const errorSchema = z.object({ error: z.string(), message: z.string() });
export const codeParams = z.object({ referenceCode: z.string().min(4).max(20) });

const placeNames = z.object({
  province: z.string().nullable(),
  regency: z.string().nullable(),
  district: z.string().nullable(),
  village: z.string().nullable(),
});

export const inboxItemSchema = z.object({
  referenceCode: z.string(),
  createdAt: z.date(),
  status: z.enum(REPORT_STATUSES),
  category: z.string(),
  categorySource: z.string(),
  classifierConfidence: z.number().nullable(),
  provinceCode: z.string().nullable(),
  regencyCode: z.string().nullable(),
  place: placeNames,
  channel: z.string(),
  firstText: z.string(),
  mediaCount: z.number(),
  dueAt: z.date().nullable(),
  dueKind: z.string().nullable(),
  overdue: z.boolean(),
  lowConfidence: z.boolean(),
  duplicateOfCode: z.string().nullable(),
  duplicates: z.number(),
  simulated: z.boolean(),
});

export const inboxResponseSchema = z.object({
  items: z.array(inboxItemSchema),
  nextCursor: z.string().nullable(),
  /** Reports per status under the other filters; null under a full-text search (`q`). */
  counts: z.record(z.enum(REPORT_STATUSES), z.number()).nullable(),
  /** Counts are exact up to here; a larger one means "more than countLimit". */
  countLimit: z.number().nullable(),
});

export const reportDetailSchema = z.object({
  referenceCode: z.string(),
  status: z.enum(REPORT_STATUSES),
  createdAt: z.date(),
  updatedAt: z.date(),
  channel: z.string(),
  language: z.string(),
  category: z.string(),
  categorySource: z.string(),
  classifier: z.object({
    category: z.string().nullable(),
    confidence: z.number().nullable(),
    evidence: z.array(z.string()).nullable(),
  }),
  citizenCategory: z.string().nullable(),
  texts: z.array(z.string()),
  place: placeNames.extend({
    provinceCode: z.string().nullable(),
    regencyCode: z.string().nullable(),
    districtCode: z.string().nullable(),
    villageCode: z.string().nullable(),
    rawText: z.string().nullable(),
  }),
  media: z.array(z.object({ index: z.number(), contentType: z.string().nullable(), url: z.string() })),
  contact: z.object({ pseudonym: z.string(), optedOut: z.boolean(), otherReports: z.array(z.string()) }),
  rejectionReason: z.string().nullable(),
  outcome: z.string().nullable(),
  publicNote: z.string().nullable(),
  assignee: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  duplicates: z.array(z.string()),
  dueAt: z.date().nullable(),
  dueKind: z.string().nullable(),
  overdue: z.boolean(),
  simulated: z.boolean(),
  messages: z.array(
    z.object({
      direction: z.enum(['inbound', 'outbound']),
      body: z.string(),
      status: z.string(),
      createdAt: z.date(),
      mediaCount: z.number(),
    }),
  ),
  followUps: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(FOLLOW_UP_KINDS),
      actionDate: z.string(),
      agency: z.string().nullable(),
      description: z.string(),
      outcome: z.string().nullable(),
      author: z.string(),
      createdAt: z.date(),
    }),
  ),
  history: z.array(
    z.object({
      type: z.string(),
      actor: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
      createdAt: z.date(),
    }),
  ),
});

const optionalText = (max: number) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().max(max).optional());

export const statusBody = z.object({
  status: z.enum(REPORT_STATUSES),
  reason: z.preprocess((v) => (v === '' ? undefined : v), z.enum(REJECTION_REASONS).optional()),
  outcome: z.preprocess((v) => (v === '' ? undefined : v), z.enum(CLOSE_OUTCOMES).optional()),
  publicNote: optionalText(120),
});
export const categoryBody = z.object({ category: z.enum(CATEGORIES) });
export const placeBody = z.object({ placeCode: z.string().regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/) });
export const duplicateBody = z.object({
  originalCode: z.preprocess((v) => (v === '' ? null : v), z.string().max(20).nullable()),
});
export const assigneeBody = z.object({
  assigneeId: z.preprocess((v) => (v === '' ? null : v), z.uuid().nullable()),
});
export const noteBody = z.object({ text: z.string().trim().min(1).max(4000) });
export const followUpBody = z.object({
  kind: z.enum(FOLLOW_UP_KINDS),
  date: z.iso.date(),
  agency: optionalText(200),
  description: z.string().trim().min(1).max(4000),
  outcome: optionalText(2000),
});
export const messageBody = z.object({ text: z.string().trim().min(1).max(480) });
export const revealBody = z.object({
  reason: z.string().trim().min(10, { error: 'write a reason of at least 10 characters' }).max(1000),
});
export const actionResult = z.object({ ok: z.literal(true) }).catchall(z.unknown());
