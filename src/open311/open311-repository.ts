import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Category } from '../classifier/classification.js';
import type { Db } from '../db/database.js';
import { type ReportStatus, reports } from '../db/schema/reports.js';

/** Which reports one Open311 request may read: empty lists mean "any". */
export interface Open311Filter {
  referenceCodes: string[];
  provinces: string[];
  categories: Category[];
  statuses: ReportStatus[];
  from: Date | null;
  to: Date | null;
  withText: boolean;
  limit: number;
}

export interface Open311Row {
  referenceCode: string;
  category: string;
  status: ReportStatus;
  publicNote: string | null;
  createdAt: Date;
  updatedAt: Date;
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  texts: string[] | null;
}

/** Real (not simulated) reports matching the filter, newest first. */
export async function listOpen311Rows(db: Db, filter: Open311Filter): Promise<Open311Row[]> {
  const where = [eq(reports.simulated, false), inArray(reports.status, filter.statuses)];
  if (filter.referenceCodes.length) where.push(inArray(reports.referenceCode, filter.referenceCodes));
  if (filter.provinces.length) where.push(inArray(reports.provinceCode, filter.provinces));
  if (filter.categories.length) where.push(inArray(reports.category, filter.categories));
  if (filter.from) where.push(gte(reports.createdAt, filter.from));
  if (filter.to) where.push(lt(reports.createdAt, filter.to));
  return db
    .select({
      referenceCode: reports.referenceCode,
      category: reports.category,
      status: reports.status,
      publicNote: reports.publicNote,
      createdAt: reports.createdAt,
      updatedAt: reports.updatedAt,
      provinceCode: reports.provinceCode,
      regencyCode: reports.regencyCode,
      districtCode: reports.districtCode,
      villageCode: reports.villageCode,
      texts: filter.withText ? reports.texts : sql<string[] | null>`null`,
    })
    .from(reports)
    .where(and(...where))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(filter.limit);
}
