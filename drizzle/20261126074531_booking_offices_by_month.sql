ALTER TABLE "offers" DROP CONSTRAINT "offers_kind_check";--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_ends_on_check" CHECK ("bookings"."ends_on" is null or ("bookings"."ends_on" >= "bookings"."day" and "bookings"."period" is null));--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_kind_check" CHECK ("offers"."kind" in ('day-pass', 'half-day-pass', 'hourly-room', 'carnet', 'monthly-plan', 'office-month', 'domiciliation'));--> statement-breakpoint
-- An office is never rented twice: two active rentals of one office may not share a day. Rooms keep their own
-- rule, now limited to bookings within one day.
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_room_no_overlap";--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_room_no_overlap" EXCLUDE USING gist (
  "resource_id" WITH =,
  "day" WITH =,
  int4range("start_minute", "blocked_until_minute") WITH &&
) WHERE ("period" IS NULL AND "ends_on" IS NULL AND "status" IN ('confirmed', 'checked-in'));--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_office_no_overlap" EXCLUDE USING gist (
  "resource_id" WITH =,
  daterange("day", "ends_on", '[]') WITH &&
) WHERE ("ends_on" IS NOT NULL AND "status" IN ('confirmed', 'checked-in'));
