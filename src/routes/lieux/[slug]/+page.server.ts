import { availabilityDay, bookerMeans, bookingLine, createBooking, localNow, placeAvailability, placeBookingSection } from '$lib/server/booking';
import { formAction, requestContext } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { DomainError } from '$lib/server/errors';
import { parse, toProblem } from '$lib/server/http/problem';
import { getPlace, nearestPlaces, placePhotosOf, placeRights, withCoverPhotos } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';
import { NEARBY_PLACES_KM } from '$lib/server/geo';
import { placeUpcomingEvents } from '$lib/server/events';

/** Days shown in the week overview of the booking section. */
const WEEK_DAYS = 7;

export const load = async ({ params, locals, url }) => {
  // A malformed, past or far date is the visitor's mistake: the page stays (400), the message beside the date
  // field, and the booking section shows the default day.
  const asked = url.searchParams.get('date');
  let day: string;
  let dateError: { value: string; message: string } | null = null;
  try {
    day = availabilityDay(asked);
  } catch (caught) {
    if (!(caught instanceof DomainError)) throw caught;
    locals.pageStatus = 400;
    dateError = { value: asked ?? '', message: toProblem(caught, locals.locale).detail };
    day = availabilityDay(null);
  }
  return pageLoad(locals.locale, async () => {
    const db = locals.runtime.database.db;
    const place = await getPlace(db, parse(idOrSlug, params.slug));
    const availability = await placeAvailability(db, place.id, day, undefined, WEEK_DAYS);
    return {
      place,
      photos: await placePhotosOf(db, place.id),
      nearest: await withCoverPhotos(db, await nearestPlaces(db, place.id, 5, { withinKm: NEARBY_PLACES_KM })),
      nearestWithinKm: NEARBY_PLACES_KM,
      booking: placeBookingSection(availability, {
        actor: locals.actor,
        today: localNow().day,
        place,
        dateError,
        means: await bookerMeans({ db, actor: locals.actor }, place.id, availability.day),
      }),
      rights: placeRights(locals.actor, place),
      events: (await placeUpcomingEvents(db, locals.actor, place.slug)).map(({ series, occurrence }) => ({
        id: occurrence.id,
        title: series.title,
        start: occurrence.start.toISOString(),
        timeZone: series.timeZone,
      })),
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
