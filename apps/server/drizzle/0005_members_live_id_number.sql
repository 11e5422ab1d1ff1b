DROP INDEX "members_id_number_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "members_id_number_uq" ON "members" USING btree ("committee_id","id_number_hash") WHERE "members"."deleted_at" is null;