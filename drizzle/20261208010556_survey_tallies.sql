CREATE TABLE "survey_tallies" (
	"survey_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"path" text NOT NULL,
	"commune_code" text NOT NULL,
	"question" text NOT NULL,
	"code" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "survey_tallies_survey_id_version_path_commune_code_question_code_pk" PRIMARY KEY("survey_id","version","path","commune_code","question","code")
);
--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "tallied" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_tallies" ADD CONSTRAINT "survey_tallies_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;