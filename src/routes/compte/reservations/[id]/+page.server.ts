import { bookingLine, cancelBooking, getBooking } from '$lib/server/booking';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';

/**
 * One of my bookings; anyone else's is not found (404), as an unknown one. `?annuler` is the step that asks
 * to confirm a cancellation (a page of its own, so that it works without JavaScript).
 */
export const load = (event) => {
  requireSignedIn(event);
  return pageLoad(event.locals.locale, async () => ({
    booking: bookingLine(await getBooking(requestContext(event), event.params.id)),
    confirmCancel: event.url.searchParams.has('annuler'),
  }));
};

export const actions = {
  cancel: (event) => formAction(event, async () => ({ cancelled: bookingLine(await cancelBooking(requestContext(event), event.params.id)) })),
};
