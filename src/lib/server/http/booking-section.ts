import { randomUUID } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { can } from '../accounts/index.ts';
import { addDays, availabilityDay, bookingLine, clockOf, createBooking, localNow, placeAvailability, startRuns } from '../booking/index.ts';
import { MAX_OFFICE_MONTHS } from '../booking/contracts.ts';
import { formAction, requestContext } from './form.ts';
import { DomainError } from '../errors.ts';
import { toProblem } from './problem.ts';

/** Days shown in the week overview of a place page. */
const WEEK_DAYS = 7;

/**
 * The booking section of a place page: the day asked (`?date=`, tomorrow by default), what is free then, and an
 * overview of the seven days from it (free desks and rooms with a free slot), each a link to that day.
 */
export async function bookingSection(
  { locals, url }: Pick<RequestEvent, 'locals' | 'url'>,
  place: { id: string; slug: string; status: string; operatorOrganisationId: string | null },
) {
  // A malformed, past or far date is the visitor's mistake: the page stays (400), the message beside the date field,
  // and the section shows the default day.
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
  const today = localNow().day;
  const availability = await placeAvailability(locals.runtime.database.db, place.id, day, undefined, WEEK_DAYS);
  const { actor } = locals;
  return {
    day,
    dateError,
    today,
    lastDay: addDays(today, 365),
    open: place.status === 'open',
    signedIn: actor.kind === 'user',
    manage: can(actor, 'booking.manage', { type: 'place', id: place.id, operatorOrganizationId: place.operatorOrganisationId }),
    week: availability.days.map((d) => ({
      day: d.day,
      open: d.resources.some((r) => (r.kind === 'room' ? r.opening.length > 0 : r.kind === 'desk-pool' && r.open)),
      desks: d.resources.reduce((sum, r) => sum + (r.kind === 'desk-pool' ? r.free.full : 0), 0),
      rooms: d.resources.filter((r) => r.kind === 'room' && r.freeStarts.length > 0).length,
    })),
    // One key a displayed form: submitting it twice books once.
    idempotencyKey: randomUUID(),
    desks: availability.resources.flatMap((r) => (r.kind === 'desk-pool' ? [{ id: r.resourceId, name: r.name, capacity: r.capacity, free: r.free, open: r.open }] : [])),
    offices: availability.resources.flatMap((r) => (r.kind === 'office' ? [{ id: r.resourceId, name: r.name, capacity: r.capacity, open: r.open, rentedUntil: r.rentedUntil, freeUntil: r.freeUntil }] : [])),
    months: Array.from({ length: MAX_OFFICE_MONTHS }, (_, i) => i + 1),
    rooms: availability.resources.flatMap((r) =>
      r.kind === 'room'
        ? [
            {
              id: r.resourceId,
              name: r.name,
              capacity: r.capacity,
              minMinutes: r.minMinutes,
              maxMinutes: r.maxMinutes,
              open: r.opening.length > 0,
              starts: startRuns(r.freeStarts),
              // The form starts at the first free time, for the shortest booking.
              suggested: r.freeStarts[0] === undefined ? null : { start: clockOf(r.freeStarts[0]), end: clockOf(r.freeStarts[0] + r.minMinutes) },
            },
          ]
        : [],
    ),
  };
}

export type BookingSection = Awaited<ReturnType<typeof bookingSection>>;

/** POST ?/book: books a desk or a room; the page shows the confirmation, or the refusal beside the form. */
export const bookAction = (event: RequestEvent) =>
  formAction(event, async (values) => {
    const { booking } = await createBooking(requestContext(event), values, values.idempotencyKey || null);
    return { booked: bookingLine(booking) };
  });
