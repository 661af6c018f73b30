import { cancelRegistration, myRegistrations } from '$lib/server/events';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';

/** My registrations to events (a seat or the waiting list), from today on. */
export const load = async (event) => {
  requireSignedIn(event);
  return { registrations: await myRegistrations(requestContext(event)) };
};

export const actions = {
  cancel: (event) =>
    formAction(event, async (values) => {
      await cancelRegistration(requestContext(event), values.registration ?? '');
      return { cancelled: true };
    }),
};
