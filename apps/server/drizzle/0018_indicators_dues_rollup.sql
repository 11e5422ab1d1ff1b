CREATE TABLE "dues_member_years" (
	"member_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"committee_id" uuid NOT NULL,
	"expected_fen" bigint[] NOT NULL,
	"paid_fen" bigint[] NOT NULL,
	"covered_fen" bigint[] NOT NULL,
	"due_months" integer[] NOT NULL,
	"paid_months" integer[] NOT NULL,
	CONSTRAINT "dues_member_years_member_id_year_pk" PRIMARY KEY("member_id","year")
);
--> statement-breakpoint
ALTER TABLE "dues_member_years" ADD CONSTRAINT "dues_member_years_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dues_member_years_committee_idx" ON "dues_member_years" USING btree ("committee_id","year");