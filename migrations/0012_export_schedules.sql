CREATE TABLE "export_schedules" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"format" text NOT NULL,
	"directory" text,
	"url" text,
	"signing_key_enc" text,
	"hour" smallint DEFAULT 6 NOT NULL,
	"cursor" text,
	"last_batch_date" date,
	"last_rows" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "export_schedules_destination" CHECK ("directory" is not null or "url" is not null),
	CONSTRAINT "export_schedules_hour" CHECK ("hour" between 0 and 23),
	CONSTRAINT "export_schedules_format" CHECK ("format" in ('csv', 'jsonl', 'xlsx'))
);
--> statement-breakpoint
ALTER TABLE "export_schedules" ADD CONSTRAINT "export_schedules_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;
