import { bookingLine, calendarToken, checkIn, localNow, myBookings, myEntitlements } from '$lib/server/booking';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';

/** My bookings from today on, my carnets and plans, my private calendar feed. */
export const load = async (event) => {
  requireSignedIn(event);
  const ctx = requestContext(event);
  const [bookings, entitlements, token] = await Promise.all([myBookings(ctx), myEntitlements(ctx), calendarToken(ctx)]);
  return {
    today: localNow().day,
    bookings: bookings.map(bookingLine),
    entitlements,
    feedUrl: new URL(`/calendrier/${token}.ics`, event.url.origin).toString(),
  };
};

// Each form sends `section`: a refusal comes back with it, and shows beside that form.
export const actions = {
  checkIn: (event) =>
    formAction(event, async (values) => ({ checkedIn: bookingLine(await checkIn(requestContext(event), values.bookingId ?? '', { code: values.code ?? '' })) })),
  renewCalendar: (event) =>
    formAction(event, async () => {
      await calendarToken(requestContext(event), true);
      return { renewed: true };
    }),
};
