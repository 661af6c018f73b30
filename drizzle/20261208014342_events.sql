CREATE TABLE "event_feed_cache" (
	"scope" text PRIMARY KEY NOT NULL,
	"etag" text NOT NULL,
	"body" text NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_occurrences" (
	"event_id" uuid NOT NULL,
	"original_start" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "event_occurrences_event_id_original_start_pk" PRIMARY KEY("event_id","original_start"),
	CONSTRAINT "event_occurrences_moved_check" CHECK (("event_occurrences"."starts_at" is null) = ("event_occurrences"."ends_at" is null) and ("event_occurrences"."ends_at" is null or "event_occurrences"."ends_at" > "event_occurrences"."starts_at"))
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"event_id" uuid NOT NULL,
	"original_start" timestamp with time zone NOT NULL,
	"user_id" text,
	"status" text NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "event_registrations_status_check" CHECK ("event_registrations"."status" in ('confirmed', 'waiting', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"place_id" uuid,
	"online_url" text,
	"created_by" text,
	"kind" text NOT NULL,
	"audience" text DEFAULT 'public' NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"start_local" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"time_zone" text DEFAULT 'Europe/Paris' NOT NULL,
	"rrule" text,
	"exdates" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_start" timestamp with time zone NOT NULL,
	"last_end" timestamp with time zone NOT NULL,
	"capacity" integer,
	"waitlist" boolean DEFAULT true NOT NULL,
	"registration_required" boolean DEFAULT true NOT NULL,
	"price_cents" integer,
	"cancelled_at" timestamp with time zone,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_kind_check" CHECK ("events"."kind" in ('afterwork', 'training', 'meetup', 'workshop', 'conference', 'other')),
	CONSTRAINT "events_audience_check" CHECK ("events"."audience" in ('public', 'members')),
	CONSTRAINT "events_where_check" CHECK ("events"."place_id" is not null or "events"."online_url" is not null),
	CONSTRAINT "events_span_check" CHECK ("events"."duration_minutes" between 1 and 20160 and "events"."last_end" > "events"."first_start"),
	CONSTRAINT "events_capacity_check" CHECK ("events"."capacity" is null or "events"."capacity" between 1 and 100000),
	CONSTRAINT "events_price_check" CHECK ("events"."price_cents" is null or "events"."price_cents" between 1 and 10000000)
);
--> statement-breakpoint
ALTER TABLE "event_occurrences" ADD CONSTRAINT "event_occurrences_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_registrations_occurrence_idx" ON "event_registrations" USING btree ("event_id","original_start","status","seq");--> statement-breakpoint
CREATE INDEX "event_registrations_user_idx" ON "event_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "event_registrations_reminder_idx" ON "event_registrations" USING btree ("original_start") WHERE "event_registrations"."reminded_at" is null and "event_registrations"."status" = 'confirmed';--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_active_key" ON "event_registrations" USING btree ("event_id","original_start","user_id") WHERE "event_registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_idempotency_key" ON "event_registrations" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "events_span_idx" ON "events" USING btree ("last_end","first_start");--> statement-breakpoint
CREATE INDEX "events_place_idx" ON "events" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "events_organization_idx" ON "events" USING btree ("organization_id");