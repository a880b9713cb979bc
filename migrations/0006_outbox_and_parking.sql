ALTER TABLE "contacts" ADD COLUMN "parked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "parked_reason" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "parked_messages" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_parked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "enqueued_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contacts_parked_idx" ON "contacts" USING btree ("parked_at") WHERE parked_at is not null;--> statement-breakpoint
CREATE INDEX "messages_outbox_idx" ON "messages" USING btree ("updated_at") WHERE direction = 'outbound' and status = 'queued' and enqueued_at is null;--> statement-breakpoint
CREATE INDEX "messages_unhandled_idx" ON "messages" USING btree ("created_at") WHERE direction = 'inbound' and handled_at is null;