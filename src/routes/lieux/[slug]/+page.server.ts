import { availabilityDay, bookingLine, createBooking, localNow, placeAvailability, placeBookingSection } from '$lib/server/booking';
import { formAction, requestContext } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { getPlace, nearestPlaces, placeRights } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';

/** Days shown in the week overview of the booking section. */
const WEEK_DAYS = 7;

export const load = async ({ params, locals, url }) => {
  // A malformed or past date is the visitor's mistake: 400 with the message.
  const day = await pageLoad(locals.locale, async () => availabilityDay(url.searchParams.get('date')), 400);
  return pageLoad(locals.locale, async () => {
    const db = locals.runtime.database.db;
    const place = await getPlace(db, parse(idOrSlug, params.slug));
    const availability = await placeAvailability(db, place.id, day, undefined, WEEK_DAYS);
    return {
      place,
      nearest: await nearestPlaces(db, place.id, 5),
      booking: placeBookingSection(availability, { actor: locals.actor, today: localNow().day, place }),
      rights: placeRights(locals.actor, place),
      // After the edit form: `?enregistre` (saved) or `?cree` (created).
      saved: url.searchParams.has('enregistre') ? ('updated' as const) : url.searchParams.has('cree') ? ('created' as const) : null,
    };
  });
};

export const actions = {
  /** Books a desk, a room or an office; the page shows the confirmation, or the refusal beside the form. */
  book: (event) =>
    formAction(event, async (values) => {
      const { booking } = await createBooking(requestContext(event), values, values.idempotencyKey || null);
      return { booked: bookingLine(booking) };
    }),
};
