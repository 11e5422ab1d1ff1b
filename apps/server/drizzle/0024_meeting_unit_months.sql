CREATE TABLE "meeting_unit_months" (
	"unit_path" text NOT NULL,
	"month" date NOT NULL,
	"held" integer NOT NULL,
	"rated" integer NOT NULL,
	"expected" bigint NOT NULL,
	"present" bigint NOT NULL,
	CONSTRAINT "meeting_unit_months_unit_path_month_pk" PRIMARY KEY("unit_path","month")
);
