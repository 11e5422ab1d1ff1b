DROP INDEX "members_name_idx";--> statement-breakpoint
CREATE INDEX "members_name_idx" ON "members" USING btree ("committee_id","name","name_pinyin","status") WHERE "members"."deleted_at" is null;