CREATE TABLE "conversation_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"type" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference_code" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"source_message_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"flow_id" text NOT NULL,
	"language" text NOT NULL,
	"category" text NOT NULL,
	"category_source" text NOT NULL,
	"classifier_category" text,
	"classifier_confidence" real,
	"classifier_evidence" jsonb,
	"citizen_category" text,
	"texts" jsonb NOT NULL,
	"province_code" text,
	"regency_code" text,
	"district_code" text,
	"village_code" text,
	"location_text" text,
	"media" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"citizen_messages" integer NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"conversation_started_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"contact_id" uuid PRIMARY KEY NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "in_reply_to" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "ignore_opt_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_events" ADD CONSTRAINT "conversation_events_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_events" ADD CONSTRAINT "conversation_events_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_source_message_id_messages_id_fk" FOREIGN KEY ("source_message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_events_message_idx" ON "conversation_events" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_reference_code_key" ON "reports" USING btree ("reference_code");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_source_message_key" ON "reports" USING btree ("source_message_id");--> statement-breakpoint
CREATE INDEX "reports_contact_idx" ON "reports" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "reports_triage_idx" ON "reports" USING btree ("province_code","status","created_at");--> statement-breakpoint
CREATE INDEX "messages_in_reply_to_idx" ON "messages" USING btree ("in_reply_to");