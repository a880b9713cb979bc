import type { ReportStatus } from '../src/db/schema/reports.js';
import {
  CLOSERS,
  companyName,
  FOLLOW_UP_TURNS,
  FRAGMENTS,
  OPENERS,
  pick,
  type SeedCategory,
  smsSpelling,
} from './triage-fragments.js';
import { rowRandom, seededUuid } from './triage-ids.js';
import { SEED_PROVINCES, type SeedPlace } from './triage-places.js';

export const KIND = { contact: 1, message: 2, report: 3, user: 4 } as const;
export const SEED_USERS = 12;
const DAY = 86_400_000;
/** Every 32nd contact is a web-simulator contact; simulated reports (~3%) come from them. */
const SIMULATOR_EVERY = 32;

export interface SeedWorld {
  reports: number;
  contacts: number;
  /** created_at of report 0; reports spread evenly (with jitter) over `spanMs` after it. */
  startMs: number;
  spanMs: number;
  places: Map<string, SeedPlace[]>;
}

export interface ReportPlan {
  index: number;
  id: string;
  messageId: string;
  contactIndex: number;
  createdAt: number;
  conversationStartedAt: number;
  messageAt: number;
  channel: 'sms' | 'whatsapp';
  category: SeedCategory;
  categorySource: 'classifier' | 'citizen' | 'both' | 'staff';
  classifierCategory: SeedCategory;
  classifierConfidence: number;
  classifierEvidence: string[];
  citizenCategory: SeedCategory | null;
  texts: string[];
  place: SeedPlace | null;
  withMedia: boolean;
  citizenMessages: number;
  status: ReportStatus;
  simulated: boolean;
  assigneeIndex: number | null;
  duplicateOfIndex: number | null;
  rejectionReason: string | null;
  outcome: string | null;
  validatedAt: number | null;
  /** When the report first left `new` (validated or rejected); null while it is still new. */
  triagedAt: number | null;
  firstFollowUpAt: number | null;
  closedAt: number | null;
  dueAt: number | null;
  dueKind: 'triage' | 'follow_up' | 'closure' | null;
  updatedAt: number;
}

function weighted<T>(rng: () => number, choices: readonly (readonly [T, number])[]): T {
  let r = rng();
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  const last = choices.at(-1);
  if (!last) throw new Error('no choices');
  return last[0];
}

const CATEGORY_WEIGHTS = [
  ['environmental', 0.4],
  ['licensing', 0.25],
  ['revenue', 0.2],
  ['other', 0.15],
] as const;
const STATUS_WEIGHTS = [
  ['new', 0.3],
  ['validated', 0.2],
  ['in_follow_up', 0.2],
  ['closed', 0.2],
  ['rejected', 0.1],
] as const;
const SOURCE_WEIGHTS = [
  ['classifier', 0.55],
  ['both', 0.25],
  ['citizen', 0.15],
  ['staff', 0.05],
] as const;
const CATEGORIES = CATEGORY_WEIGHTS.map(([category]) => category);
const REJECTIONS = ['duplicate', 'spam', 'out_of_scope', 'insufficient_information'] as const;
const OUTCOMES = ['resolved', 'not_resolved', 'referred_elsewhere', 'withdrawn'] as const;

function complaint(rng: () => number, category: SeedCategory, place: SeedPlace | null): string[] {
  const parts: string[] = [pick(rng, FRAGMENTS[category])];
  const extra = rng() < 0.6 ? (rng() < 0.3 ? 2 : 1) : 0;
  for (let k = 0; k < extra; k += 1) {
    parts.push(pick(rng, FRAGMENTS[rng() < 0.7 ? category : pick(rng, CATEGORIES)]));
  }
  if (rng() < 0.35) parts.push(`dekat ${companyName(rng)}`);
  if (place && rng() < 0.4) parts.push(`di desa ${place.villageName}`);
  const first = [pick(rng, OPENERS), parts.join(', '), pick(rng, CLOSERS)].filter(Boolean).join(' ');
  const texts = [smsSpelling(rng, first)];
  if (place && rng() < 0.5) texts.push(`desa ${place.villageName} kec ${place.districtName.toLowerCase()}`);
  if (rng() < 0.2) texts.push(pick(rng, FOLLOW_UP_TURNS));
  return texts;
}

/** Everything about report `index`, derived from the index alone. */
export function planReport(world: SeedWorld, index: number): ReportPlan {
  const rng = rowRandom(index ^ 0x51a7a);
  const step = world.spanMs / world.reports;
  const createdAt = Math.floor(world.startMs + (index + rng() * 0.9) * step);
  const conversationStartedAt = createdAt - Math.floor(60_000 + rng() * 1_800_000);
  const simulated = rng() < 0.03;
  const slots = Math.floor(world.contacts / SIMULATOR_EVERY);
  let contactIndex = Math.floor(rng() * world.contacts);
  if (simulated) contactIndex = Math.floor(rng() * slots) * SIMULATOR_EVERY;
  else if (contactIndex % SIMULATOR_EVERY === 0) contactIndex = (contactIndex + 1) % world.contacts;

  const noPlace = rng() < 0.05;
  const province = weighted(
    rng,
    SEED_PROVINCES.map((p) => [p.code, p.share] as const),
  );
  const place = noPlace ? null : pick(rng, world.places.get(province) ?? []);
  const category = weighted(rng, CATEGORY_WEIGHTS);
  const categorySource = weighted(rng, SOURCE_WEIGHTS);
  const classifierCategory =
    categorySource === 'classifier' || rng() < 0.7 ? category : pick(rng, CATEGORIES);
  const texts = complaint(rng, category, place);
  const status = weighted(rng, STATUS_WEIGHTS);

  const end = world.startMs + world.spanMs;
  const upTo = (time: number): number => Math.min(time, end);
  const validatedAt =
    status === 'new' || status === 'rejected' ? null : upTo(createdAt + Math.floor(rng() * 3 * DAY));
  const firstFollowUpAt =
    validatedAt && (status === 'in_follow_up' || status === 'closed')
      ? upTo(validatedAt + Math.floor(rng() * 20 * DAY))
      : null;
  const closedAt =
    status === 'closed' ? upTo((firstFollowUpAt ?? createdAt) + Math.floor(rng() * 60 * DAY)) : null;
  const dueKind =
    status === 'new'
      ? 'triage'
      : status === 'validated'
        ? 'follow_up'
        : status === 'in_follow_up'
          ? 'closure'
          : null;
  const dueAt =
    dueKind === 'triage'
      ? createdAt + 3 * DAY
      : dueKind === 'follow_up'
        ? (validatedAt ?? createdAt) + 14 * DAY
        : dueKind === 'closure'
          ? createdAt + 90 * DAY
          : null;
  const rejectionReason = status === 'rejected' ? pick(rng, REJECTIONS) : null;
  const duplicateOfIndex =
    rejectionReason === 'duplicate' && index > 0
      ? index - 1 - Math.floor(rng() * Math.min(index, 5000))
      : null;
  const provinceUsers = place ? 1 + 3 * SEED_PROVINCES.findIndex((p) => p.code === place.provinceCode) : 0;
  const assigneeIndex = validatedAt && rng() < 0.6 ? provinceUsers + Math.floor(rng() * 3) : null;
  const plan: ReportPlan = {
    index,
    id: seededUuid(KIND.report, index),
    messageId: seededUuid(KIND.message, index),
    contactIndex,
    createdAt,
    conversationStartedAt,
    messageAt: createdAt - Math.floor(rng() * 30_000),
    channel: rng() < 0.7 ? 'sms' : 'whatsapp',
    category,
    categorySource,
    classifierCategory,
    classifierConfidence: Math.round((0.3 + rng() * 0.69) * 1000) / 1000,
    classifierEvidence: (texts[0] ?? '')
      .split(' ')
      .filter((word) => word.length > 4)
      .slice(0, 2),
    citizenCategory: categorySource === 'citizen' || categorySource === 'both' ? category : null,
    texts,
    place,
    withMedia: rng() < 0.1,
    citizenMessages: 3 + Math.floor(rng() * 5),
    status,
    simulated,
    assigneeIndex,
    duplicateOfIndex,
    rejectionReason,
    outcome: status === 'closed' ? pick(rng, OUTCOMES) : null,
    validatedAt,
    triagedAt: validatedAt,
    firstFollowUpAt,
    closedAt,
    dueAt,
    dueKind,
    updatedAt: Math.max(createdAt, validatedAt ?? 0, firstFollowUpAt ?? 0, closedAt ?? 0),
  };
  // Drawn after every other draw, so each row's other fields keep the values earlier seeds gave them.
  if (status === 'rejected') {
    plan.triagedAt = upTo(createdAt + Math.floor(rng() * 3 * DAY));
    plan.updatedAt = Math.max(plan.updatedAt, plan.triagedAt);
  }
  return plan;
}

export const isSimulatorContact = (contactIndex: number): boolean => contactIndex % SIMULATOR_EVERY === 0;
