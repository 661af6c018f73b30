CREATE TABLE "impact_alternatives" (
	"user_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"workplace_commune_code" text,
	"mode" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impact_alternatives_kind_check" CHECK ("impact_alternatives"."kind" in ('commute', 'home', 'other')),
	CONSTRAINT "impact_alternatives_shape_check" CHECK (("impact_alternatives"."kind" = 'commute') = ("impact_alternatives"."workplace_commune_code" is not null) and ("impact_alternatives"."kind" = 'other') = ("impact_alternatives"."mode" is null))
);
--> statement-breakpoint
CREATE TABLE "impact_place_costs" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"rent_cents" integer DEFAULT 0 NOT NULL,
	"animator_cents" integer DEFAULT 0 NOT NULL,
	"energy_cents" integer DEFAULT 0 NOT NULL,
	"other_cents" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impact_place_costs_check" CHECK ("impact_place_costs"."rent_cents" >= 0 and "impact_place_costs"."animator_cents" >= 0 and "impact_place_costs"."energy_cents" >= 0 and "impact_place_costs"."other_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "impact_place_funders" (
	"place_id" uuid NOT NULL,
	"organization_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "impact_place_funders_place_id_organization_id_pk" PRIMARY KEY("place_id","organization_id"),
	CONSTRAINT "impact_place_funders_status_check" CHECK ("impact_place_funders"."status" in ('pending', 'accepted'))
);
--> statement-breakpoint
CREATE TABLE "impact_subsidies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"funder_name" text NOT NULL,
	"funder_id" text,
	"amount_cents" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"purpose" text NOT NULL,
	"decision_reference" text,
	"convention_date" date,
	"nature" text DEFAULT 'aide en numéraire' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impact_subsidies_amount_check" CHECK ("impact_subsidies"."amount_cents" > 0),
	CONSTRAINT "impact_subsidies_range_check" CHECK ("impact_subsidies"."ends_on" >= "impact_subsidies"."starts_on"),
	CONSTRAINT "impact_subsidies_funder_check" CHECK (length(trim("impact_subsidies"."funder_name")) > 0),
	CONSTRAINT "impact_subsidies_nature_check" CHECK ("impact_subsidies"."nature" in ('aide en numéraire', 'aide en nature'))
);
--> statement-breakpoint
ALTER TABLE "impact_alternatives" ADD CONSTRAINT "impact_alternatives_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_alternatives" ADD CONSTRAINT "impact_alternatives_workplace_commune_code_communes_code_fk" FOREIGN KEY ("workplace_commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_place_costs" ADD CONSTRAINT "impact_place_costs_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_place_funders" ADD CONSTRAINT "impact_place_funders_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_place_funders" ADD CONSTRAINT "impact_place_funders_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_subsidies" ADD CONSTRAINT "impact_subsidies_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "impact_place_funders_organization_idx" ON "impact_place_funders" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "impact_subsidies_place_idx" ON "impact_subsidies" USING btree ("place_id","starts_on");