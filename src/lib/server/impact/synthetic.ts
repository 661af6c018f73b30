/*
 * Synthetic activity for load tests, benchmarks and the demo: desk and room bookings written by one SQL
 * statement (generate_series, a hash of the seed for randomness), so 100,000 rows take a second, not minutes.
 * The same seed gives the same rows. Bookings are plain on-site ones: the booking domain's seat guard is not
 * asked (a load test may overfill a pool; the demo stays within its seats by drawing few).
 */
import { sql } from 'drizzle-orm';
import { bookingResources, bookings } from '../booking/index.ts';
import type { Db } from '../db/database.ts';

export interface SyntheticBookings {
  /** Desk pools to book (their place is read from them). */
  deskResourceIds: string[];
  userIds: string[];
  from: string;
  to: string;
  count: number;
  seed: number;
  /** Euro cents of a whole day on site; a half-day is 60 % of it. */
  dayPriceCents: number;
}

/**
 * Writes `count` desk bookings on weekdays between `from` and `to`: a person drawn among `userIds` (some far
 * more often than others, as in real places), a whole day 3 times in 4, else a morning or an afternoon;
 * 1 in 20 cancelled, 1 in 25 a no-show, half of the kept ones checked in.
 */
export async function insertSyntheticBookings(db: Db, input: SyntheticBookings): Promise<void> {
  if (!input.count || !input.userIds.length || !input.deskResourceIds.length) return;
  // r(i, k): a number in [0, 1) drawn from the seed, the row and a salt.
  const r = (salt: number) => sql.raw(`(('x' || substr(md5(s.i::text || ':${salt}:${input.seed}'), 1, 8))::bit(32)::bigint / 4294967296.0)`);
  await db.execute(sql`
    with days as (
      select d::date as day, row_number() over (order by d) - 1 as n
      from generate_series(${input.from}::date, ${input.to}::date, interval '1 day') d
      where extract(isodow from d) < 6
    ), resources as (
      select r.id, r.place_id, row_number() over (order by r.id) - 1 as n
      from ${bookingResources} r
      where r.id in (select value::uuid from json_array_elements_text(${JSON.stringify(input.deskResourceIds)}::json))
    ), people as (
      select value as user_id, ordinality - 1 as n from json_array_elements_text(${JSON.stringify(input.userIds)}::json) with ordinality
    ), draws as (
      select s.i, ${r(1)} as r1, ${r(2)} as r2, ${r(3)} as r3, ${r(4)} as r4, ${r(5)} as r5
      from generate_series(1, ${input.count}) s(i)
    ), sizes as (
      select (select count(*) from resources) as resources, (select count(*) from people) as people, (select count(*) from days) as days
    ), rows as (
      select rs.id as resource_id, rs.place_id, p.user_id, dd.day,
        case when d.r4 < 0.75 then 'full' when d.r4 < 0.875 then 'am' else 'pm' end as period,
        case when d.r5 < 0.05 then 'cancelled' when d.r5 < 0.09 then 'no-show' when d.r5 < 0.55 then 'checked-in' else 'confirmed' end as status
      from draws d cross join sizes z
      join resources rs on rs.n = floor(d.r1 * z.resources)::int
      join people p on p.n = floor(power(d.r2, 1.6) * z.people)::int
      join days dd on dd.n = floor(d.r3 * z.days)::int
    )
    insert into ${bookings} (resource_id, place_id, user_id, day, period, start_minute, end_minute, blocked_until_minute, status, payment, price_cents, vat_rate_basis_points, cancelled_at, checked_in_at)
    select resource_id, place_id, user_id, day, period,
      case period when 'pm' then 780 else 540 end, case period when 'am' then 780 else 1080 end, case period when 'am' then 780 else 1080 end,
      status, 'on-site', case period when 'full' then ${input.dayPriceCents} else round(${input.dayPriceCents} * 0.6)::int end, 2000,
      case when status = 'cancelled' then day::timestamptz - interval '1 day' end,
      case when status = 'checked-in' then day::timestamptz + interval '9 hours' end
    from rows`);
}
