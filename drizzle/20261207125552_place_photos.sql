CREATE TABLE "place_photo_variants" (
	"photo_id" uuid NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"hash" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "place_photo_variants_photo_id_width_pk" PRIMARY KEY("photo_id","width")
);
--> statement-breakpoint
CREATE TABLE "place_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"alt_fr" text NOT NULL,
	"alt_en" text DEFAULT '' NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "place_photos_position_check" CHECK ("place_photos"."position" >= 0),
	CONSTRAINT "place_photos_size_check" CHECK ("place_photos"."width" > 0 and "place_photos"."height" > 0)
);
--> statement-breakpoint
ALTER TABLE "place_photo_variants" ADD CONSTRAINT "place_photo_variants_photo_id_place_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."place_photos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_photos" ADD CONSTRAINT "place_photos_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "place_photos_place_idx" ON "place_photos" USING btree ("place_id","position");