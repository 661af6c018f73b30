import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { cancelRegistration, checkIn, registrantsOf } from '$lib/server/events';

/** An occurrence's registrants for its team: check-in at the door, the waiting list in order, the CSV. */
export const load = async (event) => {
  requireSignedIn(event);
  const { series, occurrence, registrants } = await pageLoad(event.locals.locale, () => registrantsOf(requestContext(event), event.params.occurrence));
  return {
    series: { id: series.id, title: series.title, timeZone: series.timeZone },
    occurrence: { id: occurrence.id, start: occurrence.start.toISOString() },
    registrants: registrants.map((r) => ({ ...r, registeredAt: r.registeredAt.toISOString() })),
  };
};

export const actions = {
  checkIn: (event) =>
    formAction(event, async (values) => {
      await checkIn(requestContext(event), values.registration ?? '');
      return { done: true };
    }),
  cancel: (event) =>
    formAction(event, async (values) => {
      await cancelRegistration(requestContext(event), values.registration ?? '');
      return { done: true };
    }),
};
