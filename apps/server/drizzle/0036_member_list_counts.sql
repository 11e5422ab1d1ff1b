CREATE TABLE "member_list_counts" (
	"committee_id" uuid NOT NULL,
	"status" text NOT NULL,
	"category" text NOT NULL,
	"education" text NOT NULL,
	"gender" text NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "member_list_counts_committee_id_status_category_education_gender_pk" PRIMARY KEY("committee_id","status","category","education","gender")
);
