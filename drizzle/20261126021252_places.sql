CREATE TABLE "place_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" text NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description_fr" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"commune_code" text NOT NULL,
	"address" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"coordinates_exact" boolean DEFAULT false NOT NULL,
	"desks" integer,
	"surface_m2" integer,
	"internet_mbps" integer,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"opening_hours" text,
	"open_days" smallint DEFAULT 0 NOT NULL,
	"day_price_cents" integer,
	"half_day_price_cents" integer,
	"month_price_cents" integer,
	"carnet10_price_cents" integer,
	"operator_name" text,
	"operator_kind" text,
	"operator_organisation_id" text,
	"opened_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"website" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"sort_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "places_slug_unique" UNIQUE("slug"),
	CONSTRAINT "places_kind_check" CHECK ("places"."kind" in ('coworking', 'telecentre', 'fablab', 'tiers-lieu', 'public-workspace')),
	CONSTRAINT "places_status_check" CHECK ("places"."status" in ('project', 'open', 'closed')),
	CONSTRAINT "places_operator_kind_check" CHECK ("places"."operator_kind" is null or "places"."operator_kind" in ('independent', 'large-operator', 'public-private', 'council', 'association')),
	CONSTRAINT "places_services_check" CHECK ("places"."services" <@ array['meeting-room', 'private-offices', 'domiciliation', 'reception', 'kitchen', 'printer', 'phone-booth', 'videoconference', 'car-parking', 'bike-parking', 'reduced-mobility-access', 'event-space', 'fablab-tools', 'childcare']::text[]),
	CONSTRAINT "places_languages_check" CHECK (array_to_string("places"."languages", ',') ~ '^([a-z]{2}(,[a-z]{2})*)?$'),
	CONSTRAINT "places_slug_check" CHECK ("places"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "places_lat_check" CHECK ("places"."lat" between -90 and 90),
	CONSTRAINT "places_lon_check" CHECK ("places"."lon" between -180 and 180),
	CONSTRAINT "places_open_days_check" CHECK ("places"."open_days" between 0 and 127),
	CONSTRAINT "places_non_negative_check" CHECK (coalesce("places"."desks", 0) >= 0 and coalesce("places"."surface_m2", 0) >= 0
        and coalesce("places"."internet_mbps", 0) >= 0 and coalesce("places"."day_price_cents", 0) >= 0
        and coalesce("places"."half_day_price_cents", 0) >= 0 and coalesce("places"."month_price_cents", 0) >= 0
        and coalesce("places"."carnet10_price_cents", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "place_history" ADD CONSTRAINT "place_history_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "place_history_place_idx" ON "place_history" USING btree ("place_id","changed_at");--> statement-breakpoint
CREATE INDEX "places_position_idx" ON "places" USING gist (ll_to_earth("lat", "lon"));--> statement-breakpoint
CREATE INDEX "places_commune_idx" ON "places" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "places_status_idx" ON "places" USING btree ("status");--> statement-breakpoint
CREATE INDEX "places_sort_name_idx" ON "places" USING btree ("sort_name","id");--> statement-breakpoint
CREATE INDEX "places_search_idx" ON "places" USING gin (to_tsvector('simple', "search_text"));