import {
  bigserial,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * The indicators' counts, per province and local month: each report contributes one count to a few
 * `facet`/`cell` pairs (see the `indicator_cells` SQL function in the migrations, the one definition).
 * `province_code` is '' for reports without a province.
 */
export const indicatorRollup = pgTable(
  'indicator_rollup',
  {
    provinceCode: text('province_code').notNull(),
    month: date('month').notNull(),
    facet: text('facet').notNull(),
    cell: text('cell').notNull(),
    reports: integer('reports').notNull(),
  },
  (table) => [primaryKey({ columns: [table.provinceCode, table.month, table.facet, table.cell] })],
);

/**
 * Changes to the rollup written by triggers on `reports`: appending never waits on a lock, so report
 * writers never queue behind each other on a hot count. Readers add them to the rollup, and a periodic
 * compaction folds them in.
 */
export const indicatorDeltas = pgTable(
  'indicator_deltas',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provinceCode: text('province_code').notNull(),
    month: date('month').notNull(),
    facet: text('facet').notNull(),
    cell: text('cell').notNull(),
    change: integer('change').notNull(),
  },
  (table) => [index('indicator_deltas_month_idx').on(table.provinceCode, table.month)],
);

/** Provinces whose aggregate figures an admin chose to publish on the public transparency page. */
export const publicProvinces = pgTable('public_provinces', {
  provinceCode: text('province_code').primaryKey(),
  enabledBy: uuid('enabled_by').references(() => users.id),
  enabledAt: timestamp('enabled_at', { withTimezone: true }).notNull().defaultNow(),
});
