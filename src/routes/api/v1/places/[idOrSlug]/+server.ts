import { json } from '@sveltejs/kit';
import { apiHandler } from '$lib/server/http/api';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { parse } from '$lib/server/http/problem';
import { getPlace, placePhotosOf, placeVersionTag, updatePlaceAs } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';

export const GET = apiHandler(async ({ params, locals }) => {
  const db = locals.runtime.database.db;
  const place = await getPlace(db, parse(idOrSlug, params.idOrSlug));
  return json({ ...place, photos: await placePhotosOf(db, place.id) }, { headers: { etag: placeVersionTag(place) } });
});

export const PATCH = jsonApiHandler(async ({ params, locals, request }, body) => {
  const expectedUpdatedAt = request.headers.get('if-match') ?? undefined;
  const place = await updatePlaceAs(locals.runtime.database.db, locals.actor, parse(idOrSlug, params.idOrSlug), body, { expectedUpdatedAt });
  return json(place, { headers: { etag: placeVersionTag(place) } });
});
