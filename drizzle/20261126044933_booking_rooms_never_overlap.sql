-- A room is never booked twice: two active bookings of one room on one day may not overlap, the room's
-- buffer included. Enforced by the database, whatever the number of app processes.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_room_no_overlap" EXCLUDE USING gist (
  "resource_id" WITH =,
  "day" WITH =,
  int4range("start_minute", "blocked_until_minute") WITH &&
) WHERE ("period" IS NULL AND "status" IN ('confirmed', 'checked-in'));
