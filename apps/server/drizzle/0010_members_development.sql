CREATE TABLE "development_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"committee_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"gender" text NOT NULL,
	"ethnicity" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_number_sealed" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"education" text NOT NULL,
	"job_post" text NOT NULL,
	"phone_sealed" text,
	"phone_masked" text,
	"applied_on" date NOT NULL,
	"stage" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"member_id" uuid,
	"probation_ends_on" date,
	"expected_leave_on" date,
	"next_due_on" date,
	"next_due_step" integer,
	"closed_on" date,
	"close_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"committee_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"step" integer NOT NULL,
	"done_on" date NOT NULL,
	"org_id" uuid NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "development_cases" ADD CONSTRAINT "development_cases_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_cases" ADD CONSTRAINT "development_cases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_steps" ADD CONSTRAINT "development_steps_case_id_development_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."development_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_steps" ADD CONSTRAINT "development_steps_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_cases_org_idx" ON "development_cases" USING btree ("org_id","stage");--> statement-breakpoint
CREATE INDEX "development_cases_due_idx" ON "development_cases" USING btree ("committee_id","next_due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "development_cases_person_uq" ON "development_cases" USING btree ("committee_id","id_number_hash") WHERE "development_cases"."status" in ('active', 'admitted');--> statement-breakpoint
CREATE UNIQUE INDEX "development_steps_case_seq_uq" ON "development_steps" USING btree ("case_id","seq");