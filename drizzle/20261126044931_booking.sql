CREATE TABLE "booking_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"min_minutes" integer DEFAULT 60 NOT NULL,
	"max_minutes" integer DEFAULT 480 NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"opening_hours" text,
	"active" smallint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_resources_kind_check" CHECK ("booking_resources"."kind" in ('desk-pool', 'room', 'office')),
	CONSTRAINT "booking_resources_capacity_check" CHECK ("booking_resources"."capacity" between 1 and 10000),
	CONSTRAINT "booking_resources_minutes_check" CHECK ("booking_resources"."min_minutes" between 15 and 1440 and "booking_resources"."max_minutes" between "booking_resources"."min_minutes" and 1440 and "booking_resources"."buffer_minutes" between 0 and 240)
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"day" date NOT NULL,
	"period" text,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	"blocked_until_minute" smallint NOT NULL,
	"status" text DEFAULT 'confirmed' NOT NULL,
	"payment" text NOT NULL,
	"entitlement_id" uuid,
	"price_cents" integer DEFAULT 0 NOT NULL,
	"vat_rate_basis_points" integer DEFAULT 2000 NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	CONSTRAINT "bookings_status_check" CHECK ("bookings"."status" in ('confirmed', 'checked-in', 'cancelled', 'no-show')),
	CONSTRAINT "bookings_period_check" CHECK ("bookings"."period" is null or "bookings"."period" in ('full', 'am', 'pm')),
	CONSTRAINT "bookings_payment_check" CHECK ("bookings"."payment" in ('carnet', 'plan', 'on-site')),
	CONSTRAINT "bookings_minutes_check" CHECK (0 <= "bookings"."start_minute" and "bookings"."start_minute" < "bookings"."end_minute" and "bookings"."end_minute" <= "bookings"."blocked_until_minute" and "bookings"."blocked_until_minute" <= 1680),
	CONSTRAINT "bookings_entitlement_check" CHECK (("bookings"."payment" = 'on-site') = ("bookings"."entitlement_id" is null))
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" text PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "desk_pool_days" (
	"resource_id" uuid NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "desk_pool_days_resource_id_day_pk" PRIMARY KEY("resource_id","day")
);
--> statement-breakpoint
CREATE TABLE "entitlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"place_id" uuid NOT NULL,
	"offer_id" uuid,
	"kind" text NOT NULL,
	"units" integer,
	"units_used" integer DEFAULT 0 NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"price_paid_cents" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entitlements_kind_check" CHECK ("entitlements"."kind" in ('carnet', 'plan')),
	CONSTRAINT "entitlements_units_check" CHECK ("entitlements"."units_used" >= 0 and ("entitlements"."units" is null or "entitlements"."units_used" <= "entitlements"."units")),
	CONSTRAINT "entitlements_carnet_check" CHECK ("entitlements"."kind" <> 'carnet' or "entitlements"."units" is not null),
	CONSTRAINT "entitlements_range_check" CHECK ("entitlements"."ends_on" >= "entitlements"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"price_cents" integer NOT NULL,
	"member_price_cents" integer,
	"vat_rate_basis_points" integer DEFAULT 2000 NOT NULL,
	"units" integer,
	"validity_days" integer,
	"resource_id" uuid,
	"active" smallint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_kind_check" CHECK ("offers"."kind" in ('day-pass', 'half-day-pass', 'hourly-room', 'carnet', 'monthly-plan', 'domiciliation')),
	CONSTRAINT "offers_price_check" CHECK ("offers"."price_cents" >= 0 and ("offers"."member_price_cents" is null or "offers"."member_price_cents" >= 0)),
	CONSTRAINT "offers_vat_check" CHECK ("offers"."vat_rate_basis_points" between 0 and 10000),
	CONSTRAINT "offers_units_check" CHECK (("offers"."units" is null or "offers"."units" between 1 and 366) and ("offers"."validity_days" is null or "offers"."validity_days" between 1 and 1830))
);
--> statement-breakpoint
CREATE TABLE "place_booking_settings" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"cancel_notice_hours" integer DEFAULT 24 NOT NULL,
	"half_day_split_minute" integer DEFAULT 780 NOT NULL,
	CONSTRAINT "place_booking_settings_check" CHECK ("place_booking_settings"."cancel_notice_hours" between 0 and 720 and "place_booking_settings"."half_day_split_minute" between 60 and 1380)
);
--> statement-breakpoint
CREATE TABLE "resource_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "resource_closures_range_check" CHECK ("resource_closures"."ends_on" >= "resource_closures"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "booking_resources" ADD CONSTRAINT "booking_resources_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_entitlement_id_entitlements_id_fk" FOREIGN KEY ("entitlement_id") REFERENCES "public"."entitlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_pool_days" ADD CONSTRAINT "desk_pool_days_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_booking_settings" ADD CONSTRAINT "place_booking_settings_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_closures" ADD CONSTRAINT "resource_closures_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_resources_place_idx" ON "booking_resources" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "bookings_resource_day_idx" ON "bookings" USING btree ("resource_id","day") WHERE "bookings"."status" in ('confirmed', 'checked-in');--> statement-breakpoint
CREATE INDEX "bookings_place_day_idx" ON "bookings" USING btree ("place_id","day");--> statement-breakpoint
CREATE INDEX "bookings_user_idx" ON "bookings" USING btree ("user_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_idempotency_idx" ON "bookings" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "entitlements_user_idx" ON "entitlements" USING btree ("user_id","place_id");--> statement-breakpoint
CREATE INDEX "offers_place_idx" ON "offers" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "resource_closures_resource_idx" ON "resource_closures" USING btree ("resource_id","starts_on");