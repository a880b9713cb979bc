import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbExecutor } from '../db/database.js';
import {
  type CampaignAudience,
  type CampaignEstimate,
  type CampaignRow,
  type CampaignStatus,
  campaignRecipients,
  campaigns,
} from '../db/schema/campaigns.js';
import type { AudienceMember } from './audience-repository.js';

export interface NewCampaign {
  name: string;
  surveyId: string;
  provinceCode: string;
  audience: CampaignAudience;
  estimate: CampaignEstimate;
  startAt: Date;
  createdBy: string;
}

export interface CampaignProgress {
  pending: number;
  sent: number;
  skipped: number;
  cancelled: number;
  /** Invitations the provider accepted (sent, delivered, read). */
  delivered: number;
  failed: number;
}

/** Stores a campaign and its recipients (the audience as it was previewed), in one transaction. */
export async function insertCampaign(
  db: DbExecutor,
  campaign: NewCampaign,
  recipients: { member: AudienceMember; segments: number }[],
): Promise<CampaignRow> {
  const [row] = await db
    .insert(campaigns)
    .values({ ...campaign, status: 'scheduled' })
    .returning();
  if (!row) throw new Error('campaign insert returned nothing');
  for (let i = 0; i < recipients.length; i += 1000) {
    await db.insert(campaignRecipients).values(
      recipients.slice(i, i + 1000).map(({ member, segments }) => ({
        campaignId: row.id,
        contactId: member.contactId,
        segments,
      })),
    );
  }
  return row;
}

export async function findCampaign(db: DbExecutor, id: string): Promise<CampaignRow | null> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row ?? null;
}

/** Campaigns of these provinces (null: all), newest first. */
export async function listCampaigns(
  db: DbExecutor,
  provinces: readonly string[] | null,
): Promise<CampaignRow[]> {
  const query = db.select().from(campaigns);
  const scoped =
    provinces === null
      ? query
      : query.where(inArray(campaigns.provinceCode, provinces.length ? [...provinces] : ['']));
  return scoped.orderBy(desc(campaigns.createdAt)).limit(200);
}

export async function setCampaignStatus(
  db: DbExecutor,
  id: string,
  status: CampaignStatus,
  from: readonly CampaignStatus[],
): Promise<boolean> {
  const changed = await db
    .update(campaigns)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(campaigns.id, id), inArray(campaigns.status, [...from])))
    .returning({ id: campaigns.id });
  return changed.length > 0;
}

/**
 * Cancels what is not sent: pending recipients, and invitations still waiting in the send queue
 * (the outbound worker leaves a message alone once it is no longer `queued`).
 */
export async function cancelUnsent(db: DbExecutor, campaignId: string): Promise<number> {
  await db
    .update(campaignRecipients)
    .set({ status: 'cancelled' })
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.status, 'pending')));
  const stopped = await db.execute(sql`
    update messages m set status = 'failed', error_code = 'campaign_cancelled',
      error_message = 'campaign cancelled before sending', updated_at = now()
    from campaign_recipients cr
    where cr.campaign_id = ${campaignId} and cr.message_id = m.id and m.status = 'queued'
      and m.provider_message_id is null`);
  await db.execute(sql`
    update campaign_recipients cr set status = 'cancelled'
    from messages m
    where cr.campaign_id = ${campaignId} and cr.message_id = m.id and m.error_code = 'campaign_cancelled'`);
  return stopped.rowCount ?? 0;
}

export async function campaignProgress(db: DbExecutor, campaignId: string): Promise<CampaignProgress> {
  const result = await db.execute<{ status: string; message_status: string | null; n: string }>(sql`
    select cr.status, m.status as message_status, count(*) as n
    from campaign_recipients cr left join messages m on m.id = cr.message_id
    where cr.campaign_id = ${campaignId}
    group by 1, 2`);
  const progress: CampaignProgress = {
    pending: 0,
    sent: 0,
    skipped: 0,
    cancelled: 0,
    delivered: 0,
    failed: 0,
  };
  for (const row of result.rows) {
    const n = Number(row.n);
    if (row.status === 'pending' || row.status === 'skipped' || row.status === 'cancelled')
      progress[row.status] += n;
    if (row.status === 'sent') {
      progress.sent += n;
      if (row.message_status && ['sent', 'delivered', 'read'].includes(row.message_status))
        progress.delivered += n;
      if (row.message_status === 'failed') progress.failed += n;
    }
  }
  return progress;
}

/** Campaigns whose start time has come and which still have invitations to send. */
export async function dueCampaigns(db: Db, now: Date): Promise<CampaignRow[]> {
  return db
    .select()
    .from(campaigns)
    .where(
      and(
        inArray(campaigns.status, ['scheduled', 'sending']),
        sql`${campaigns.startAt} <= ${now.toISOString()}`,
      ),
    );
}

export async function pendingRecipients(db: Db, campaignId: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ contactId: campaignRecipients.contactId })
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.status, 'pending')))
    .limit(limit);
  return rows.map((r) => r.contactId);
}
