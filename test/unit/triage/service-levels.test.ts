import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../../src/project-path.js';
import { loadServiceLevels, parseServiceLevels } from '../../../src/triage/load-service-levels.js';
import { type DeadlineInput, nextDeadline } from '../../../src/triage/next-deadline.js';
import type { ServiceLevels } from '../../../src/triage/service-levels-schema.js';

const REAL_FILE = projectPath('flows', 'service-levels.yaml');

const SMALL_FILE = `
deadlines:
  default: { triage: 2, follow_up: 14, closure: 60 }
  licensing:
    closure: 90
  environmental:
    follow_up: 5
holidays:
  - 2026-08-17 # Hari Kemerdekaan
`;

function errorOf(text: string): string {
  try {
    parseServiceLevels(text, 'flows/service-levels.yaml');
  } catch (error) {
    if (error instanceof Error) return error.message;
  }
  throw new Error('expected the file to be refused');
}

describe('flows/service-levels.yaml', () => {
  let levels: ServiceLevels;
  beforeAll(async () => {
    levels = await loadServiceLevels(REAL_FILE);
  });

  it('loads, with the service levels of the guide for every category', () => {
    expect(levels.deadlines.default).toEqual({ triage: 2, follow_up: 14, closure: 60 });
    for (const category of ['licensing', 'environmental', 'revenue', 'other'] as const) {
      expect(levels.deadlines[category]).toEqual({ triage: 2, follow_up: 14, closure: 60 });
    }
  });

  it('lists the 2026 holidays and cuti bersama of SKB 1497/2025 (17 + 8 days), and 2025 and 2027', () => {
    const inYear = (year: string) => [...levels.holidays].filter((date) => date.startsWith(year));
    expect(inYear('2026')).toHaveLength(25);
    expect(inYear('2026')).toEqual(expect.arrayContaining(['2026-03-20', '2026-03-23', '2026-03-24']));
    expect(inYear('2025').length).toBeGreaterThanOrEqual(25);
    expect(inYear('2027').length).toBeGreaterThan(10);
  });

  it('stretches a triage deadline over Nyepi and the Idul Fitri holidays of March 2026', () => {
    // Thursday 19 March (Nyepi) → 20 cuti bersama, 21–22 Idul Fitri, 23–24 cuti bersama → Wed 25, Thu 26.
    const due = nextDeadline(report({ createdAt: new Date('2026-03-19T10:00:00+07:00') }), levels);
    expect(due).toEqual({ dueKind: 'triage', dueAt: new Date('2026-03-26T23:59:59.999+07:00') });
  });
});

describe('nextDeadline', () => {
  const levels = parseServiceLevels(SMALL_FILE, 'test.yaml');
  // Friday 10 July 2026, 10:00 in Kalimantan Timur (WITA).
  const createdAt = new Date('2026-07-10T10:00:00+08:00');

  it.each([
    ['new', null, 'triage', '2026-07-14T23:59:59.999+08:00'],
    ['validated', null, 'follow_up', '2026-07-30T23:59:59.999+08:00'],
    ['validated', new Date('2026-07-20T09:00:00+08:00'), 'closure', '2026-10-05T23:59:59.999+08:00'],
    ['in_follow_up', new Date('2026-07-20T09:00:00+08:00'), 'closure', '2026-10-05T23:59:59.999+08:00'],
  ] as const)('%s (first follow-up %s) → %s deadline', (status, firstFollowUpAt, dueKind, dueAt) => {
    const due = nextDeadline(report({ status, firstFollowUpAt, createdAt, provinceCode: '64' }), levels);
    expect(due).toEqual({ dueKind, dueAt: new Date(dueAt) });
  });

  it.each(['rejected', 'closed'] as const)('%s → no deadline', (status) => {
    expect(nextDeadline(report({ status, createdAt }), levels)).toBeNull();
  });

  it('measures every stage from receipt, not from validation or the first follow-up', () => {
    const late = report({
      status: 'in_follow_up',
      createdAt,
      provinceCode: '64',
      firstFollowUpAt: new Date('2026-09-30T10:00Z'),
    });
    expect(nextDeadline(late, levels)?.dueAt).toEqual(new Date('2026-10-05T23:59:59.999+08:00'));
  });

  it('applies per-category overrides and keeps the other values from default', () => {
    const at = (category: string, status: DeadlineInput['status']) =>
      nextDeadline(report({ category, status, createdAt, provinceCode: '64' }), levels)?.dueAt.toISOString();
    expect(levels.deadlines.licensing).toEqual({ triage: 2, follow_up: 14, closure: 90 });
    expect(levels.deadlines.environmental).toEqual({ triage: 2, follow_up: 5, closure: 60 });
    expect(at('licensing', 'in_follow_up')).toBe('2026-11-16T15:59:59.999Z'); // 90 days
    expect(at('environmental', 'validated')).toBe('2026-07-17T15:59:59.999Z'); // 5 days
    expect(at('environmental', 'in_follow_up')).toBe(at('revenue', 'in_follow_up'));
  });

  it('gives an unknown category the default deadlines and a report without a province WIB', () => {
    const unknown = report({ category: 'banjir', status: 'validated', createdAt, provinceCode: '64' });
    expect(nextDeadline(unknown, levels)?.dueAt).toEqual(new Date('2026-07-30T23:59:59.999+08:00'));
    const nowhere = report({ status: 'new', createdAt, provinceCode: null });
    expect(nextDeadline(nowhere, levels)?.dueAt).toEqual(new Date('2026-07-14T23:59:59.999+07:00'));
  });
});

describe('parseServiceLevels errors', () => {
  it('names the file, the line and the field of a value that is not a number', () => {
    const message = errorOf(SMALL_FILE.replace('closure: 90', 'closure: sembilan puluh'));
    expect(message).toBe(
      'flows/service-levels.yaml, line 5: deadlines.licensing.closure: must be a number of working days, e.g. 14',
    );
  });

  it('names a misspelt category, an impossible date and a duplicate date, one line each', () => {
    const broken = SMALL_FILE.replace('licensing:', 'lisensing:').concat('  - 2026-02-30\n  - 2026-08-17\n');
    expect(errorOf(broken).split('\n')).toEqual([
      expect.stringContaining('line 4: deadlines: unknown field lisensing (hint: deadlines may name default'),
      'flows/service-levels.yaml, line 10: holidays #2: 2026-02-30 is not a real calendar date',
      'flows/service-levels.yaml, line 11: holidays #3: 2026-08-17 is listed twice',
    ]);
  });

  it('refuses an override that puts a stage before the previous one', () => {
    expect(errorOf(SMALL_FILE.replace('closure: 90', 'follow_up: 70'))).toContain(
      'line 5: deadlines.licensing.follow_up: closure (60 days, from default) would be due before follow_up (70 days)',
    );
  });

  it('reports missing fields and YAML syntax errors with a hint', () => {
    expect(errorOf(SMALL_FILE.replace('triage: 2, ', ''))).toContain(
      'deadlines.default.triage: missing (hint: default must set all of triage, follow_up and closure)',
    );
    expect(errorOf('deadlines:\n  default: [2, 14\nholidays: []\n')).toMatch(
      /^flows\/service-levels\.yaml, line \d+: not valid YAML: .+ \(hint: check the indentation/,
    );
  });

  it('loadServiceLevels names the file it could not read or use', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suara-service-levels-'));
    try {
      const file = join(dir, 'service-levels.yaml');
      await expect(loadServiceLevels(file)).rejects.toThrow(
        `${file}: cannot read the service-levels file (ENOENT)`,
      );
      const real = await readFile(REAL_FILE, 'utf8');
      await writeFile(file, real.replace('follow_up: 14', 'follow_up: 14.5'));
      await expect(loadServiceLevels(file)).rejects.toThrow(
        `${file}, line 23: deadlines.default.follow_up: must be a whole number of working days`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function report(fields: Partial<DeadlineInput> & Pick<DeadlineInput, 'createdAt'>): DeadlineInput {
  return { status: 'new', category: 'other', provinceCode: null, firstFollowUpAt: null, ...fields };
}
