-- A desk pool's day, counted under its lock, for the statement that books a desk in it. Called from that
-- statement (a CTE), it makes a desk booking one statement: the lock, then the count on a snapshot taken after
-- the lock (a VOLATILE function's queries each take a new one, so every booking committed before the lock is
-- seen), then the insert. The lock is the day's row in desk_pool_days, held until the transaction ends.
CREATE OR REPLACE FUNCTION desk_pool_day_seats(pool uuid, on_day date, booker text, request_key text, wanted text)
RETURNS TABLE (made boolean, am integer, pm integer, mine boolean)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  -- ON CONFLICT DO UPDATE locks the row it meets, even when its WHERE updates nothing.
  INSERT INTO desk_pool_days (resource_id, day) VALUES (pool, on_day)
    ON CONFLICT (resource_id, day) DO UPDATE SET day = excluded.day WHERE false;
  RETURN QUERY
    SELECT EXISTS (SELECT 1 FROM bookings k WHERE k.user_id = booker AND k.idempotency_key = request_key),
           (count(*) FILTER (WHERE b.period <> 'pm'))::integer,
           (count(*) FILTER (WHERE b.period <> 'am'))::integer,
           coalesce(bool_or(b.user_id = booker AND (wanted = 'full' OR b.period IN ('full', wanted))), false)
    FROM bookings b
    WHERE b.resource_id = pool AND b.day = on_day AND b.status IN ('confirmed', 'checked-in');
END
$$;
