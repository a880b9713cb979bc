import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.js';
import type { Db } from '../db/database.js';
import type { PublicSurvey } from '../surveys/public-survey-results.js';
import type { PartnerCaller } from './partner-service.js';

export interface SurveyExport {
  from: string;
  generatedAt: string;
  surveys: PublicSurvey[];
}

/**
 * Scorecard results for partners: per survey, ratings per province of the partner's scope since a date,
 * aggregated with the same small-cell suppression as the public page — never a response, a comment or a
 * contact. Audited like report exports.
 */
export function createSurveyExportService(deps: {
  db: Db;
  results: (provinces: readonly string[], fromDate: string) => Promise<PublicSurvey[]>;
  clock: () => Date;
}) {
  return {
    async aggregates(caller: PartnerCaller, fromDate: string): Promise<SurveyExport> {
      const provinces = caller.partner.provinces.length
        ? caller.partner.provinces
        : (
            await deps.db.execute<{ code: string }>(
              sql`select distinct province_code as code from reports where province_code is not null order by 1`,
            )
          ).rows.map((row) => row.code);
      const surveys = await deps.results(provinces, fromDate);
      await deps.db.transaction((tx) =>
        appendAudit(tx, {
          actorUserId: null,
          actor: `partner:${caller.partner.name}`,
          action: 'export.surveys',
          subjectType: 'partner',
          subjectId: caller.partner.id,
          after: { keyPrefix: caller.keyPrefix, from: fromDate, provinces, surveys: surveys.length },
        }),
      );
      return { from: fromDate, generatedAt: deps.clock().toISOString(), surveys };
    },
  };
}

export type SurveyExportService = ReturnType<typeof createSurveyExportService>;
