import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportStaffLabels } from '../classifier/export-staff-labels.js';
import { withCliDatabase } from './with-cli-database.js';

/**
 * `suara classify export-labels`: staff re-categorisations as labelled JSONL, to `out` or stdout.
 * The count goes to stderr so stdout stays a clean data file.
 */
export function runExportLabels(out: string | null): Promise<number> {
  return withCliDatabase('classify', async ({ db }) => {
    const labels = await exportStaffLabels(db);
    const jsonl = labels.map((label) => `${JSON.stringify(label)}\n`).join('');
    if (out === null) {
      process.stdout.write(jsonl);
    } else {
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, jsonl);
    }
    const noun = labels.length === 1 ? 'report' : 'reports';
    console.error(`exported ${labels.length} staff-labelled ${noun}${out === null ? '' : ` to ${out}`}`);
    return 0;
  });
}
