CREATE TABLE "dues_bases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"committee_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"effective_month" date NOT NULL,
	"category" text NOT NULL,
	"base_fen" integer,
	"fixed_fen" integer,
	"monthly_fen" integer NOT NULL,
	"rule_key" text NOT NULL,
	"rule_text" text NOT NULL,
	"rule_source" text NOT NULL,
	"confirmed_on" date NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"committee_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"month" date NOT NULL,
	"expected_fen" integer NOT NULL,
	"paid_fen" integer NOT NULL,
	"paid_on" date NOT NULL,
	"method" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dues_reliefs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"committee_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"monthly_fen" integer,
	"from_month" date NOT NULL,
	"to_month" date,
	"reason" text NOT NULL,
	"decided_on" date NOT NULL,
	"approved_by_org_id" uuid NOT NULL,
	"approved_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_dues_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"committee_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"description" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_dues_contributions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"committee_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"amount_fen" integer NOT NULL,
	"paid_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dues_bases" ADD CONSTRAINT "dues_bases_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_bases" ADD CONSTRAINT "dues_bases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_reliefs" ADD CONSTRAINT "dues_reliefs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_reliefs" ADD CONSTRAINT "dues_reliefs_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_reliefs" ADD CONSTRAINT "dues_reliefs_approved_by_org_id_orgs_id_fk" FOREIGN KEY ("approved_by_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_dues_campaigns" ADD CONSTRAINT "special_dues_campaigns_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_dues_contributions" ADD CONSTRAINT "special_dues_contributions_campaign_id_special_dues_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."special_dues_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_dues_contributions" ADD CONSTRAINT "special_dues_contributions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_dues_contributions" ADD CONSTRAINT "special_dues_contributions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dues_bases_member_month_uq" ON "dues_bases" USING btree ("member_id","effective_month");--> statement-breakpoint
CREATE UNIQUE INDEX "dues_payments_member_month_uq" ON "dues_payments" USING btree ("member_id","month");--> statement-breakpoint
CREATE INDEX "dues_payments_org_idx" ON "dues_payments" USING btree ("org_id","month");--> statement-breakpoint
CREATE INDEX "dues_reliefs_member_idx" ON "dues_reliefs" USING btree ("member_id","from_month");--> statement-breakpoint
CREATE INDEX "special_dues_campaigns_committee_idx" ON "special_dues_campaigns" USING btree ("committee_id","started_on");--> statement-breakpoint
CREATE INDEX "special_dues_contributions_campaign_idx" ON "special_dues_contributions" USING btree ("campaign_id","org_id");--> statement-breakpoint
CREATE INDEX "special_dues_contributions_member_idx" ON "special_dues_contributions" USING btree ("member_id");