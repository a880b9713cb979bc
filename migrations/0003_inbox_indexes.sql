DROP INDEX "reports_inbox_idx";--> statement-breakpoint
DROP INDEX "reports_province_inbox_idx";--> statement-breakpoint
CREATE INDEX "reports_status_counts_idx" ON "reports" USING btree ("province_code","status") WHERE not "reports"."simulated";--> statement-breakpoint
CREATE INDEX "reports_inbox_idx" ON "reports" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "reports_province_inbox_idx" ON "reports" USING btree ("province_code","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);