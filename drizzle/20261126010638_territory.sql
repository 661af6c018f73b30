CREATE TABLE "commune_postal_codes" (
	"postal_code" text NOT NULL,
	"commune_code" text NOT NULL,
	CONSTRAINT "commune_postal_codes_postal_code_commune_code_pk" PRIMARY KEY("postal_code","commune_code")
);
--> statement-breakpoint
CREATE TABLE "communes" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_code" text,
	"departement_code" text NOT NULL,
	"region_code" text NOT NULL,
	"epci_siren" text,
	"population" integer NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"coordinates_source" text NOT NULL,
	"search_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departements" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epcis" (
	"siren" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"population" integer NOT NULL,
	"search_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_data" (
	"dataset" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"version" text NOT NULL,
	"vintage" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commune_postal_codes" ADD CONSTRAINT "commune_postal_codes_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_departement_code_departements_code_fk" FOREIGN KEY ("departement_code") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_epci_siren_epcis_siren_fk" FOREIGN KEY ("epci_siren") REFERENCES "public"."epcis"("siren") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departements" ADD CONSTRAINT "departements_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commune_postal_codes_commune_idx" ON "commune_postal_codes" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "communes_search_name_idx" ON "communes" USING btree ("search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "communes_epci_idx" ON "communes" USING btree ("epci_siren");--> statement-breakpoint
CREATE INDEX "communes_departement_idx" ON "communes" USING btree ("departement_code");--> statement-breakpoint
CREATE INDEX "communes_region_idx" ON "communes" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "communes_position_idx" ON "communes" USING gist (ll_to_earth("lat", "lon"));--> statement-breakpoint
CREATE INDEX "epcis_search_name_idx" ON "epcis" USING btree ("search_name" text_pattern_ops);