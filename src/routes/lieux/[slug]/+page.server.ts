import { bookAction, bookingSection } from '$lib/server/http/booking-section';
import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { getPlace, nearestPlaces, placePhotosOf, placeRights, withCoverPhotos } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';
import { NEARBY_PLACES_KM } from '$lib/server/geo';

export const load = ({ params, locals, url }) =>
  pageLoad(locals.locale, async () => {
    const db = locals.runtime.database.db;
    const place = await getPlace(db, parse(idOrSlug, params.slug));
    return {
      place,
      photos: await placePhotosOf(db, place.id),
      nearest: await withCoverPhotos(db, await nearestPlaces(db, place.id, 5, { withinKm: NEARBY_PLACES_KM })),
      nearestWithinKm: NEARBY_PLACES_KM,
      booking: await bookingSection({ locals, url }, place),
      rights: placeRights(locals.actor, place),
      // After the edit form: `?enregistre` (saved) or `?cree` (created).
      saved: url.searchParams.has('enregistre') ? ('updated' as const) : url.searchParams.has('cree') ? ('created' as const) : null,
    };
  });

export const actions = { book: bookAction };
