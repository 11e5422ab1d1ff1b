DROP INDEX "members_category_list_idx";--> statement-breakpoint
DROP INDEX "members_education_list_idx";--> statement-breakpoint
CREATE INDEX "members_category_status_idx" ON "members" USING btree ("committee_id","category","name_pinyin","id","status") WHERE "members"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "members_education_status_idx" ON "members" USING btree ("committee_id","education","name_pinyin","id","status") WHERE "members"."deleted_at" is null;