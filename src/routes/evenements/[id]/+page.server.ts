import { formAction, requestContext } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { cancelRegistration, eventJsonLd, occurrencePage, register } from '$lib/server/events';

/** An occurrence's page: what, when (local time), where, seats, the registration form; schema.org Event for search engines. */
export const load = async (event) => {
  const { params, locals, url } = event;
  const page = await pageLoad(locals.locale, () => occurrencePage(requestContext(event), params.id));
  const { series, occurrence } = page;
  // hooks.server.ts writes it into <head> as a JSON data block (escaped: no text of the event can end the element).
  locals.jsonLd = eventJsonLd(series, occurrence, new URL(`/evenements/${occurrence.id}`, url.origin).toString());
  const dates = (o: typeof occurrence) => ({ id: o.id, start: o.start.toISOString(), end: o.end.toISOString() });
  return {
    occurrence: { ...dates(occurrence), cancelled: occurrence.cancelled, moved: occurrence.moved, past: occurrence.start.getTime() <= Date.now() },
    others: page.others.map(dates),
    series: {
      id: series.id,
      title: series.title,
      description: series.description,
      kind: series.kind,
      audience: series.audience,
      organization: series.organizationName,
      place: series.place,
      onlineUrl: series.onlineUrl,
      capacity: series.capacity,
      waitlist: series.waitlist,
      registrationRequired: series.registrationRequired,
      priceCents: series.priceCents,
      timeZone: series.timeZone,
      synthetic: series.synthetic,
    },
    seats: { confirmed: page.confirmed, waiting: page.waiting },
    registration: page.registration,
    manage: page.manage,
    signedIn: locals.actor.kind === 'user',
  };
};

export const actions = {
  register: (event) =>
    formAction(event, async (values) => {
      const { registration } = await register(requestContext(event), event.params.id, values.idempotencyKey || null);
      return { registered: registration.status };
    }),
  cancel: (event) =>
    formAction(event, async (values) => {
      await cancelRegistration(requestContext(event), values.registration ?? '');
      return { cancelled: true };
    }),
};
