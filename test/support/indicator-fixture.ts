import { seededRandom } from '../../src/seeded-random.js';
import type { FixtureReport } from './report-fixture.js';

const REGENCIES: Record<string, string[]> = {
  '11': ['11.05', '11.07', '11.08'],
  '64': ['64.02', '64.02', '64.03', '64.72'],
  '74': ['74.01', '74.02', '74.10'],
};
const CATEGORIES = [
  'licensing',
  'licensing',
  'environmental',
  'environmental',
  'environmental',
  'revenue',
  'other',
] as const;
const DAY = 86_400_000;

/**
 * A plausible spread of reports over the `months` months before `now` in the three programme provinces,
 * at every stage, from a seed: enough for charts to show shape. Tests that check figures by hand use
 * the hand-written fixture instead.
 */
export function spreadReports(
  count: number,
  now: Date,
  months = 10,
  seed = 7,
): Record<string, FixtureReport> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const rows: Record<string, FixtureReport> = {};
  for (let i = 0; i < count; i++) {
    const province = pick(['11', '64', '64', '74']);
    const received = new Date(now.getTime() - random() * months * 30 * DAY);
    const age = (now.getTime() - received.getTime()) / 3_600_000;
    const roll = random();
    const status =
      roll < 0.15
        ? 'new'
        : roll < 0.3
          ? 'rejected'
          : roll < 0.5
            ? 'validated'
            : roll < 0.8
              ? 'in_follow_up'
              : 'closed';
    const triaged = status === 'new' ? undefined : Math.min(age, 2 + random() * 70);
    const followed =
      status === 'in_follow_up' || status === 'closed'
        ? Math.min(age, (triaged ?? 0) + 24 + random() * 400)
        : undefined;
    const closed = status === 'closed' ? Math.min(age, (followed ?? 0) + 48 + random() * 900) : undefined;
    const code = `F${String(i).padStart(4, '0')}`;
    rows[code] = {
      citizen: `c${Math.floor(random() * count * 0.85)}`,
      receivedAt: received.toISOString(),
      category: pick(CATEGORIES),
      province,
      regency: random() < 0.9 ? pick(REGENCIES[province] ?? []) : null,
      channel: random() < 0.6 ? 'sms' : 'whatsapp',
      status,
      outcome:
        status === 'closed'
          ? pick(['resolved', 'resolved', 'not_resolved', 'referred_elsewhere', 'withdrawn'] as const)
          : null,
      categorySource: pick(['both', 'both', 'both', 'citizen', 'classifier', 'staff'] as const),
      ...(triaged === undefined ? {} : { triagedAfter: triaged }),
      ...(followed === undefined ? {} : { followedUpAfter: followed }),
      ...(closed === undefined ? {} : { closedAfter: closed }),
      ...(status === 'new' && age > 72
        ? { due: { at: new Date(received.getTime() + 3 * DAY).toISOString(), kind: 'triage' as const } }
        : {}),
      text: `laporan ${code} RAHASIA-${code} nomor 081234567890`,
    };
  }
  return rows;
}
