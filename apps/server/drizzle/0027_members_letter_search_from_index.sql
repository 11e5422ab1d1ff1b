DROP INDEX "members_pinyin_idx";--> statement-breakpoint
DROP INDEX "members_initials_idx";--> statement-breakpoint
DROP INDEX "members_education_status_idx";--> statement-breakpoint
CREATE INDEX "members_pinyin_idx" ON "members" USING btree ("committee_id","name_pinyin","id","status") WHERE "members"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "members_initials_idx" ON "members" USING btree ("committee_id","name_initials","name_pinyin","id","status") WHERE "members"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "members_education_status_idx" ON "members" USING btree ("committee_id","education","name_pinyin","id","status","gender") WHERE "members"."deleted_at" is null;