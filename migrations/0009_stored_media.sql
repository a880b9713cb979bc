CREATE TABLE "stored_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"provider" text NOT NULL,
	"source_ref" text,
	"declared_content_type" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"sha256" text,
	"content_type" text,
	"size_bytes" integer,
	"refusal_reason" text,
	"failure_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stored_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_media_status_check" CHECK ("stored_media"."status" in ('pending', 'stored', 'refused', 'failed')),
	CONSTRAINT "stored_media_stored_check" CHECK ("stored_media"."status" <> 'stored' or ("stored_media"."sha256" is not null and "stored_media"."source_ref" is null))
);
--> statement-breakpoint
CREATE TABLE "place_hints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"source" text NOT NULL,
	"stored_media_id" uuid,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stored_media" ADD CONSTRAINT "stored_media_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_hints" ADD CONSTRAINT "place_hints_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_hints" ADD CONSTRAINT "place_hints_stored_media_id_stored_media_id_fk" FOREIGN KEY ("stored_media_id") REFERENCES "public"."stored_media"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stored_media_message_position_key" ON "stored_media" USING btree ("message_id","position");--> statement-breakpoint
CREATE INDEX "stored_media_sha256_idx" ON "stored_media" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "stored_media_pending_idx" ON "stored_media" USING btree ("created_at") WHERE "stored_media"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "place_hints_message_source_key" ON "place_hints" USING btree ("message_id","source",coalesce("stored_media_id", '00000000-0000-0000-0000-000000000000'::uuid));
