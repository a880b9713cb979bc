-- The inbox's full-text search carries the filters a secretariat always sends with it (province, status
-- tab, category) in the same GIN index, so one index scan finds the matches inside them instead of
-- intersecting the text matches with a large province-and-status bitmap (`npm run bench:triage`).
-- btree_gin ships with PostgreSQL (contrib) and is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX IF EXISTS "reports_search_idx";--> statement-breakpoint
CREATE INDEX "reports_search_idx" ON "reports" USING gin ("search","province_code","status","category");
