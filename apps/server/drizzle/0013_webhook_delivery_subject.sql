ALTER TABLE "webhook_deliveries" ADD COLUMN "subject" text;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_subject_uq" ON "webhook_deliveries" USING btree ("webhook_id","subject");