import { appendAudit } from '../audit/append-audit.js';
import { provinceScope, type Staff } from '../auth/staff.js';
import type { FlowSet } from '../conversation/flows/flow-set.js';
import type { Db } from '../db/database.js';
import type { CampaignAudience, CampaignEstimate, CampaignRow } from '../db/schema/campaigns.js';
import { provinceTimeZone } from '../triage/province-time-zone.js';
import { type AllowedHours, localMidnight, monthStart, nextAllowedTime } from './allowed-hours.js';
import { selectAudience } from './audience-repository.js';
import {
  type CampaignProgress,
  campaignProgress,
  cancelUnsent,
  findCampaign,
  insertCampaign,
  listCampaigns,
  setCampaignStatus,
} from './campaign-repository.js';
import { estimateCampaign, invitationSegments, type PriceList } from './estimate-campaign.js';

/** What the HTTP layer renders, named here so handlers need not reach into the repository or schema. */
export type { CampaignProgress, CampaignRow };

export interface CampaignInput {
  name: string;
  surveyId: string;
  provinceCode: string;
  audience: CampaignAudience;
  /** When to start; default now. Moved into the allowed hours of the province's local time. */
  startAt?: Date;
}

export interface CampaignPreview extends CampaignEstimate {
  unpricedProviders: string[];
  invitation: { id: string; en: string };
  startAt: string;
  timeZone: string;
}

export interface CampaignView {
  campaign: CampaignRow;
  progress: CampaignProgress;
}

export type ServiceResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string };

export interface CampaignServiceDeps {
  db: Db;
  flows: () => FlowSet;
  priceList: PriceList;
  hours: AllowedHours;
  monthlyCap: number;
  clock: () => Date;
}

export interface CampaignService {
  preview(staff: Staff, input: CampaignInput): Promise<ServiceResult<CampaignPreview>>;
  create(staff: Staff, input: CampaignInput): Promise<ServiceResult<CampaignView>>;
  list(staff: Staff): Promise<CampaignRow[]>;
  /** The campaigns of the caller's provinces with their progress, newest first (the workspace list). */
  overview(staff: Staff): Promise<CampaignView[]>;
  get(staff: Staff, id: string): Promise<ServiceResult<CampaignView>>;
  change(
    staff: Staff,
    id: string,
    action: 'pause' | 'resume' | 'cancel',
  ): Promise<ServiceResult<CampaignView>>;
  /** The surveys a campaign can send: id and title. */
  surveys(): { id: string; title: { id: string; en: string } }[];
}

const TRANSITIONS = {
  pause: { to: 'paused', from: ['scheduled', 'sending'] },
  resume: { to: 'sending', from: ['paused'] },
  cancel: { to: 'cancelled', from: ['scheduled', 'sending', 'paused'] },
} as const;

/** Scorecard campaigns: preview (audience, SMS, cost), create, follow, pause, resume, cancel. Audited. */
export function createCampaignService(deps: CampaignServiceDeps): CampaignService {
  const inScope = (staff: Staff, provinceCode: string) => {
    const scope = provinceScope(staff);
    return scope === null || scope.includes(provinceCode);
  };

  async function plan(staff: Staff, input: CampaignInput) {
    // Which provinces exist is no secret: another province's campaign is refused outright.
    if (!inScope(staff, input.provinceCode))
      return { ok: false, status: 403, message: 'This province is outside your scope.' } as const;
    const survey = deps.flows().flows[input.surveyId]?.survey;
    if (!survey)
      return { ok: false, status: 400, message: `No survey "${input.surveyId}" in flows/surveys.` } as const;
    const now = deps.clock();
    const timeZone = provinceTimeZone(input.provinceCode);
    const { from, to } = input.audience;
    const members = await selectAudience(deps.db, {
      provinceCode: input.provinceCode,
      audience: input.audience,
      monthStart: monthStart(now, timeZone),
      monthlyCap: deps.monthlyCap,
      reportedFrom: from ? localMidnight(from, timeZone, 0) : null,
      reportedBefore: to ? localMidnight(to, timeZone, 1) : null,
    });
    const requested = input.startAt && input.startAt > now ? input.startAt : now;
    const startAt = nextAllowedTime(requested, timeZone, deps.hours);
    const estimate = estimateCampaign(survey.invitation, members, deps.priceList);
    return { ok: true, survey, members, estimate, startAt, timeZone } as const;
  }

  async function view(id: string): Promise<CampaignView | null> {
    const campaign = await findCampaign(deps.db, id);
    return campaign ? { campaign, progress: await campaignProgress(deps.db, id) } : null;
  }

  return {
    async preview(staff, input) {
      const planned = await plan(staff, input);
      if (!planned.ok) return planned;
      return {
        ok: true,
        value: {
          ...planned.estimate,
          invitation: planned.survey.invitation,
          startAt: planned.startAt.toISOString(),
          timeZone: planned.timeZone,
        },
      };
    },

    async create(staff, input) {
      const planned = await plan(staff, input);
      if (!planned.ok) return planned;
      if (planned.members.length === 0)
        return { ok: false, status: 409, message: 'No consenting contacts match this audience.' };
      const { unpricedProviders: _unpriced, ...estimate } = planned.estimate;
      const row = await deps.db.transaction(async (tx) => {
        const created = await insertCampaign(
          tx,
          {
            name: input.name,
            surveyId: input.surveyId,
            provinceCode: input.provinceCode,
            audience: input.audience,
            estimate,
            startAt: planned.startAt,
            createdBy: staff.userId,
          },
          planned.members.map((member) => ({
            member,
            segments: invitationSegments(planned.survey.invitation, member),
          })),
        );
        await appendAudit(tx, {
          actorUserId: staff.userId,
          actor: staff.email,
          action: 'campaign.create',
          subjectType: 'campaign',
          subjectId: created.id,
          after: {
            name: input.name,
            surveyId: input.surveyId,
            provinceCode: input.provinceCode,
            audience: input.audience,
            estimate,
            startAt: planned.startAt.toISOString(),
          },
        });
        return created;
      });
      return { ok: true, value: { campaign: row, progress: await campaignProgress(deps.db, row.id) } };
    },

    async list(staff) {
      return listCampaigns(deps.db, provinceScope(staff));
    },

    async overview(staff) {
      const rows = await listCampaigns(deps.db, provinceScope(staff));
      return Promise.all(
        rows.map(async (campaign) => ({ campaign, progress: await campaignProgress(deps.db, campaign.id) })),
      );
    },

    async get(staff, id) {
      const found = await view(id);
      if (!found || !inScope(staff, found.campaign.provinceCode))
        return { ok: false, status: 404, message: 'No such campaign.' };
      return { ok: true, value: found };
    },

    async change(staff, id, action) {
      const found = await view(id);
      if (!found || !inScope(staff, found.campaign.provinceCode))
        return { ok: false, status: 404, message: 'No such campaign.' };
      const { to, from } = TRANSITIONS[action];
      const changed = await deps.db.transaction(async (tx) => {
        if (!(await setCampaignStatus(tx, id, to, from))) return false;
        const stopped = action === 'cancel' ? await cancelUnsent(tx, id) : 0;
        await appendAudit(tx, {
          actorUserId: staff.userId,
          actor: staff.email,
          action: action === 'resume' ? 'campaign.send' : `campaign.${action}`,
          subjectType: 'campaign',
          subjectId: id,
          before: { status: found.campaign.status },
          after: { status: to, ...(action === 'cancel' ? { stoppedInQueue: stopped } : {}) },
        });
        return true;
      });
      if (!changed)
        return { ok: false, status: 409, message: `A ${found.campaign.status} campaign cannot ${action}.` };
      const updated = await view(id);
      return updated
        ? { ok: true, value: updated }
        : { ok: false, status: 404, message: 'No such campaign.' };
    },

    surveys() {
      return Object.values(deps.flows().flows).flatMap((flow) =>
        flow.survey ? [{ id: flow.id, title: flow.survey.title }] : [],
      );
    },
  };
}
