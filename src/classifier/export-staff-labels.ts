import { and, asc, eq } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { reports } from '../db/schema/reports.js';
import { CATEGORIES, type Category } from './classification.js';

/** One line of labelled JSONL, in the shape of the dev set that `suara classify train` reads. */
export interface StaffLabel {
  text: string;
  label: Category;
  lang: string;
  province: string | null;
  note: string;
}

// The dev set names provinces by slug; reports store the official code. Other codes are written as they are.
const PROVINCE_SLUGS: Readonly<Record<string, string>> = {
  '11': 'aceh',
  '64': 'kalimantan-timur',
  '74': 'sulawesi-tenggara',
};

const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);

/**
 * Reports whose category a staff member set, as training examples: the citizen's words and the staff's
 * label. Simulated reports are left out; so is a report whose category the classifier does not know or
 * whose text is empty, because `train` would refuse the whole file for one such line.
 */
export async function exportStaffLabels(db: DbExecutor): Promise<StaffLabel[]> {
  const rows = await db
    .select({
      referenceCode: reports.referenceCode,
      texts: reports.texts,
      category: reports.category,
      language: reports.language,
      provinceCode: reports.provinceCode,
    })
    .from(reports)
    .where(and(eq(reports.categorySource, 'staff'), eq(reports.simulated, false)))
    .orderBy(asc(reports.createdAt), asc(reports.id));
  const labels: StaffLabel[] = [];
  for (const row of rows) {
    const text = row.texts.join(' ').trim();
    if (text === '' || !isCategory(row.category)) continue;
    labels.push({
      text,
      label: row.category,
      lang: row.language,
      province: row.provinceCode ? (PROVINCE_SLUGS[row.provinceCode] ?? row.provinceCode) : null,
      note: `staff:${row.referenceCode}`,
    });
  }
  return labels;
}
