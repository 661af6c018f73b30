import { placeAvailability } from '$lib/server/booking';
import { AvailabilityQuery, placeAvailabilityJson } from '$lib/server/booking/contracts';
import { apiHandler } from '$lib/server/http/api';
import { parse, queryOf } from '$lib/server/http/problem';
import { idOrSlug } from '$lib/server/places/contracts';

export const GET = apiHandler(async ({ params, url, locals }) => {
  const { date, days } = parse(AvailabilityQuery, queryOf(url));
  return placeAvailabilityJson(await placeAvailability(locals.runtime.database.db, parse(idOrSlug, params.idOrSlug), date, undefined, days));
});
