CREATE TABLE "partner_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"contact" text,
	"provinces" text[] DEFAULT '{}'::text[] NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"statuses" text[] DEFAULT '{validated,in_follow_up,closed}'::text[] NOT NULL,
	"with_text" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"pseudonym_key_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_keys" ADD CONSTRAINT "partner_keys_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partner_keys_key_hash_key" ON "partner_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "partner_keys_partner_idx" ON "partner_keys" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partners_name_key" ON "partners" USING btree ("name");--> statement-breakpoint
CREATE INDEX "reports_change_xid_idx" ON "reports" USING btree ("change_xid");--> statement-breakpoint
CREATE INDEX "reports_overdue_idx" ON "reports" USING btree ("province_code","created_at") INCLUDE ("due_at","due_kind") WHERE not "reports"."simulated" and "reports"."due_at" is not null;--> statement-breakpoint
-- Every update records its transaction, so incremental exports find what changed after their snapshot.
CREATE FUNCTION "reports_change_xid"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_xid := pg_current_xact_id();
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "reports_change_xid" BEFORE UPDATE ON "reports" FOR EACH ROW EXECUTE FUNCTION "reports_change_xid"();--> statement-breakpoint
-- The same zones as before, written without a FROM clause so Postgres inlines the function into queries
-- instead of calling it for every row.
CREATE OR REPLACE FUNCTION "indicator_zone"(province text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN split_part(btrim(coalesce(province, '')), '.', 1) IN ('51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76') THEN 'Asia/Makassar'
    WHEN split_part(btrim(coalesce(province, '')), '.', 1) IN ('81', '82') OR split_part(btrim(coalesce(province, '')), '.', 1) ~ '^9[0-9]$' THEN 'Asia/Jayapura'
    ELSE 'Asia/Jakarta'
  END
$$;