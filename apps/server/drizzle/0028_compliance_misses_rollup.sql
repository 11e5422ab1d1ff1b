CREATE SEQUENCE "public"."compliance_dirty_marks" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "compliance_dirty_orgs" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"marked" bigint DEFAULT nextval('compliance_dirty_marks') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_misses" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"p_from" date NOT NULL,
	"due_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"required" integer NOT NULL,
	"held" integer NOT NULL,
	CONSTRAINT "compliance_misses_org_id_kind_due_on_pk" PRIMARY KEY("org_id","kind","due_on")
);
--> statement-breakpoint
CREATE TABLE "compliance_rollup_state" (
	"rules" text PRIMARY KEY NOT NULL,
	"rolled_from" date NOT NULL,
	"rolled_until" date NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "compliance_misses_due_idx" ON "compliance_misses" USING btree ("due_on");