import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { getPlace, nearestPlaces } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';

export const load = ({ params, locals }) =>
  pageLoad(locals.locale, async () => {
    const db = locals.runtime.database.db;
    const place = await getPlace(db, parse(idOrSlug, params.slug));
    return { place, nearest: await nearestPlaces(db, place.id, 5) };
  });
