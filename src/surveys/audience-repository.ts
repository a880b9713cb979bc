import { type SQL, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import type { CampaignAudience } from '../db/schema/campaigns.js';

/** A contact a campaign may invite, with what the cost estimate needs; no address, no pseudonym. */
export interface AudienceMember {
  contactId: string;
  channel: string;
  provider: string;
  language: string;
}

export interface AudienceQuery {
  provinceCode: string;
  audience: CampaignAudience;
  /** Start of the current month (province time) and the cap of invitations per month. */
  monthStart: Date;
  monthlyCap: number;
  /** Local dates of the period are turned into instants by the caller. */
  reportedFrom: Date | null;
  reportedBefore: Date | null;
}

/**
 * Contacts with recorded, unwithdrawn survey consent, not opted out, who reported in the province
 * (in the chosen regencies, category and period), and who have not had this month's invitations yet.
 * A contact who never gave consent is never selected, whatever else matches.
 */
export async function selectAudience(db: DbExecutor, query: AudienceQuery): Promise<AudienceMember[]> {
  const { audience } = query;
  const reportConditions: SQL[] = [sql`r.contact_id = c.id`, sql`r.province_code = ${query.provinceCode}`];
  if (audience.regencies.length > 0)
    reportConditions.push(
      sql`r.regency_code in (${sql.join(
        audience.regencies.map((r) => sql`${r}`),
        sql`, `,
      )})`,
    );
  if (audience.category) reportConditions.push(sql`r.category = ${audience.category}`);
  if (query.reportedFrom) reportConditions.push(sql`r.created_at >= ${query.reportedFrom.toISOString()}`);
  if (query.reportedBefore) reportConditions.push(sql`r.created_at < ${query.reportedBefore.toISOString()}`);
  const result = await db.execute<{
    contact_id: string;
    channel: string;
    provider: string;
    language: string;
  }>(sql`
    select c.id as contact_id, c.channel, c.provider, coalesce(c.language, 'id') as language
    from contacts c
    join contact_consents cc on cc.contact_id = c.id and cc.given_at is not null and cc.withdrawn_at is null
    where not c.opted_out
      and exists (select 1 from reports r where ${sql.join(reportConditions, sql` and `)})
      and (
        select count(*) from campaign_recipients cr
        where cr.contact_id = c.id and cr.status = 'sent' and cr.invited_at >= ${query.monthStart.toISOString()}
      ) < ${query.monthlyCap}
    order by c.id`);
  return result.rows.map((row) => ({
    contactId: row.contact_id,
    channel: row.channel,
    provider: row.provider,
    language: row.language,
  }));
}
