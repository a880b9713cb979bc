CREATE TABLE "indicator_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"month" date NOT NULL,
	"facet" text NOT NULL,
	"cell" text NOT NULL,
	"change" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_rollup" (
	"province_code" text NOT NULL,
	"month" date NOT NULL,
	"facet" text NOT NULL,
	"cell" text NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "indicator_rollup_province_code_month_facet_cell_pk" PRIMARY KEY("province_code","month","facet","cell")
);
--> statement-breakpoint
CREATE TABLE "public_provinces" (
	"province_code" text PRIMARY KEY NOT NULL,
	"enabled_by" uuid,
	"enabled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "triaged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "public_provinces" ADD CONSTRAINT "public_provinces_enabled_by_users_id_fk" FOREIGN KEY ("enabled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_deltas_month_idx" ON "indicator_deltas" USING btree ("province_code","month");--> statement-breakpoint
CREATE INDEX "reports_citizens_idx" ON "reports" USING btree ("province_code","created_at","contact_id") WHERE not "reports"."simulated";--> statement-breakpoint
-- The indicators' cells (docs/indicators.md). Time zones mirror src/triage/province-time-zone.ts, which a test
-- compares with this function for every province code.
CREATE FUNCTION "indicator_zone"(province text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN p IN ('51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76') THEN 'Asia/Makassar'
    WHEN p IN ('81', '82') OR p ~ '^9[0-9]$' THEN 'Asia/Jayapura'
    ELSE 'Asia/Jakarta'
  END
  FROM (SELECT split_part(btrim(coalesce(province, '')), '.', 1) AS p) AS t
$$;--> statement-breakpoint
-- The first day of the month a moment falls in, in the province's local time.
CREATE FUNCTION "indicator_month"(province text, at timestamptz) RETURNS date LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT date_trunc('month', at AT TIME ZONE indicator_zone(province))::date
$$;--> statement-breakpoint
-- Elapsed time kept to the hour below two days and to the day beyond, in hours: the buckets that medians
-- and 90th percentiles are computed from.
CREATE FUNCTION "indicator_hours"(elapsed interval) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN h < 48 THEN h ELSE h / 24 * 24 END
  FROM (SELECT greatest(0, floor(extract(epoch FROM elapsed) / 3600))::integer AS h) AS t
$$;--> statement-breakpoint
-- What one report contributes to the indicators: one count in each facet that applies to it.
CREATE FUNCTION "indicator_cells"(r reports) RETURNS TABLE (province_code text, month date, facet text, cell text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(r.province_code, ''), indicator_month(r.province_code, r.created_at), f.facet, f.cell
  FROM (VALUES
    ('count', concat_ws('|', r.category, r.channel, r.status, coalesce(r.outcome, ''),
      CASE WHEN r.duplicate_of_id IS NULL THEN 'original' ELSE 'duplicate' END,
      CASE WHEN r.first_follow_up_at IS NULL THEN 'none' ELSE 'followed_up' END,
      r.category_source)),
    ('regency', concat_ws('|', coalesce(r.regency_code, ''), r.category,
      CASE WHEN r.duplicate_of_id IS NULL AND r.status IN ('validated', 'in_follow_up', 'closed')
        THEN 'identified' ELSE 'other' END)),
    ('triage_hours', CASE WHEN r.duplicate_of_id IS NULL AND r.triaged_at IS NOT NULL
      THEN concat_ws('|', r.category, indicator_hours(r.triaged_at - r.created_at)) END),
    ('follow_up_hours', CASE WHEN r.duplicate_of_id IS NULL AND r.first_follow_up_at IS NOT NULL
      AND r.status IN ('validated', 'in_follow_up', 'closed')
      THEN concat_ws('|', r.category, indicator_hours(r.first_follow_up_at - r.created_at)) END),
    ('closure_hours', CASE WHEN r.duplicate_of_id IS NULL AND r.status = 'closed' AND r.closed_at IS NOT NULL
      THEN concat_ws('|', r.category, indicator_hours(r.closed_at - r.created_at)) END)
  ) AS f(facet, cell)
  WHERE NOT r.simulated AND f.cell IS NOT NULL
$$;--> statement-breakpoint
-- Every write to a report appends what it changed in the indicators (the difference of the old and the
-- new row's cells, usually nothing): appends never wait on each other, unlike updating shared counts.
CREATE FUNCTION "reports_indicator_deltas"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO indicator_deltas (province_code, month, facet, cell, change)
      SELECT c.province_code, c.month, c.facet, c.cell, 1 FROM indicator_cells(NEW) AS c;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO indicator_deltas (province_code, month, facet, cell, change)
      SELECT c.province_code, c.month, c.facet, c.cell, -1 FROM indicator_cells(OLD) AS c;
  ELSE
    INSERT INTO indicator_deltas (province_code, month, facet, cell, change)
      SELECT d.province_code, d.month, d.facet, d.cell, sum(d.change)::integer
      FROM (
        SELECT c.*, -1 AS change FROM indicator_cells(OLD) AS c
        UNION ALL
        SELECT c.*, 1 AS change FROM indicator_cells(NEW) AS c
      ) AS d
      GROUP BY d.province_code, d.month, d.facet, d.cell
      HAVING sum(d.change) <> 0;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
UPDATE "reports" AS r SET "triaged_at" = e.at
FROM (
  SELECT "report_id", min("created_at") AS at FROM "report_events"
  WHERE "type" = 'status' AND "data"->>'from' = 'new' GROUP BY "report_id"
) AS e
WHERE e."report_id" = r."id";--> statement-breakpoint
CREATE TRIGGER "reports_indicator_deltas" AFTER INSERT OR DELETE OR UPDATE OF
  "province_code", "regency_code", "created_at", "category", "channel", "status", "outcome", "duplicate_of_id",
  "first_follow_up_at", "category_source", "triaged_at", "closed_at", "simulated"
ON "reports" FOR EACH ROW EXECUTE FUNCTION "reports_indicator_deltas"();--> statement-breakpoint
INSERT INTO "indicator_rollup" ("province_code", "month", "facet", "cell", "reports")
SELECT c.province_code, c.month, c.facet, c.cell, count(*)::integer
FROM "reports" AS r CROSS JOIN LATERAL indicator_cells(r) AS c
GROUP BY c.province_code, c.month, c.facet, c.cell;
