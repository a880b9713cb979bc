ALTER TABLE "messages" ADD COLUMN "send_attempted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "send_attempt_key" text;--> statement-breakpoint
-- Replies left in 'sending' by earlier versions were handed to the provider with an unknown outcome.
UPDATE "messages" SET "send_attempted_at" = "updated_at" WHERE "direction" = 'outbound' AND "status" = 'sending' AND "provider_message_id" IS NULL;--> statement-breakpoint
CREATE INDEX "messages_unconfirmed_idx" ON "messages" USING btree ("updated_at") WHERE direction = 'outbound' and status = 'unconfirmed';--> statement-breakpoint
CREATE INDEX "messages_open_attempt_idx" ON "messages" USING btree ("send_attempted_at") WHERE direction = 'outbound' and status = 'sending' and send_attempted_at is not null;
