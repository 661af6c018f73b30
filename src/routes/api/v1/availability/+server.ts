import { availabilityNear } from '$lib/server/booking';
import { NearbyAvailabilityQuery } from '$lib/server/booking/contracts';
import { DEFAULT_RADIUS_KM } from '$lib/server/geo';
import { apiHandler } from '$lib/server/http/api';
import { parse, queryOf } from '$lib/server/http/problem';

export const GET = apiHandler(async ({ url, locals }) => {
  const { near, radiusKm = DEFAULT_RADIUS_KM, date, days } = parse(NearbyAvailabilityQuery, queryOf(url));
  return { day: date, radiusKm, items: await availabilityNear(locals.runtime.database.db, near, radiusKm, date, undefined, days) };
});
