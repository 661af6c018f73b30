import { json } from '@sveltejs/kit';
import { apiHandler } from '$lib/server/http/api';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { parse, queryOf } from '$lib/server/http/problem';
import { createPlaceAs, placeVersionTag, searchPlaces } from '$lib/server/places';
import { PlaceSearchQuery, toPlaceSearch } from '$lib/server/places/contracts';

export const GET = apiHandler(async ({ url, locals }) => {
  const { items, total, page, perPage } = await searchPlaces(
    locals.runtime.database.db,
    toPlaceSearch(parse(PlaceSearchQuery, queryOf(url))),
  );
  return { items, total, page, perPage };
});

export const POST = jsonApiHandler(async ({ locals }, body) => {
  const place = await createPlaceAs(locals.runtime.database.db, locals.actor, body);
  return json(place, { status: 201, headers: { location: `/api/v1/places/${place.id}`, etag: placeVersionTag(place) } });
});
