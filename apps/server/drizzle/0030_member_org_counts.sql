CREATE TABLE "member_org_counts" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"members" integer NOT NULL
);
