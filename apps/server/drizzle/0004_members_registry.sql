-- Names and their pinyin keys compare byte by byte, so one plain btree serves prefix search and pinyin order in any locale.
CREATE TABLE "member_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"committee_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"from_org_id" uuid,
	"to_org_id" uuid,
	"from_status" text,
	"to_status" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_pinyin" text COLLATE "C" NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_initials" text COLLATE "C" NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "gender" text NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "ethnicity" text NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "birth_date" date NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "id_number_sealed" text NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "id_number_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "id_number_masked" text NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "education" text NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "joined_on" date NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "full_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "job_post" text NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "rank" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "phone_sealed" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "phone_masked" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "address_sealed" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "status_since" date NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "exit_kind" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "mobile_destination" text;--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "name" TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "member_id" uuid;--> statement-breakpoint
ALTER TABLE "member_events" ADD CONSTRAINT "member_events_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_events" ADD CONSTRAINT "member_events_from_org_id_orgs_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_events" ADD CONSTRAINT "member_events_to_org_id_orgs_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_events_member_idx" ON "member_events" USING btree ("member_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "members_id_number_uq" ON "members" USING btree ("committee_id","id_number_hash");--> statement-breakpoint
CREATE INDEX "members_name_idx" ON "members" USING btree ("committee_id","name");--> statement-breakpoint
CREATE INDEX "members_pinyin_idx" ON "members" USING btree ("committee_id","name_pinyin");--> statement-breakpoint
CREATE INDEX "members_initials_idx" ON "members" USING btree ("committee_id","name_initials");