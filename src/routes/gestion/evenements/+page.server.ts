import { redirect } from '@sveltejs/kit';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { createEvent, managedEvents, organizerChoices } from '$lib/server/events';

/** The events an actor's organizations organize, and the form that creates one. */
export const load = async (event) => {
  requireSignedIn(event);
  const ctx = requestContext(event);
  const list = await managedEvents(ctx);
  return {
    organizers: await organizerChoices(ctx),
    events: list.map(({ series, next }) => ({
      id: series.id,
      title: series.title,
      organization: series.organizationName,
      recurring: !!series.rrule,
      cancelled: !!series.cancelledAt,
      next: next ? { id: next.id, start: next.start.toISOString() } : null,
      timeZone: series.timeZone,
    })),
  };
};

export const actions = {
  create: async (event) => {
    const result = await formAction(event, (values) => createEvent(requestContext(event), values));
    if (result && 'id' in result) redirect(303, `/gestion/evenements/${result.id}`);
    return result;
  },
};
