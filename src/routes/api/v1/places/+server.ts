import { apiHandler } from '$lib/server/http/api';
import { parse, queryOf } from '$lib/server/http/problem';
import { searchPlaces } from '$lib/server/places';
import { PlaceSearchQuery, toPlaceSearch } from '$lib/server/places/contracts';

export const GET = apiHandler(async ({ url, locals }) => {
  const { items, total, page, perPage } = await searchPlaces(
    locals.runtime.database.db,
    toPlaceSearch(parse(PlaceSearchQuery, queryOf(url))),
  );
  return { items, total, page, perPage };
});
