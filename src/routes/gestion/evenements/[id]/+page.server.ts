import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { cancelOccurrence, cancelSeries, localOf, moveOccurrence, seriesForTeam } from '$lib/server/events';

/** A series for its team: each occurrence with its seats, to move, cancel or open its registrants. */
export const load = async (event) => {
  requireSignedIn(event);
  const { series, occurrences } = await pageLoad(event.locals.locale, () => seriesForTeam(requestContext(event), event.params.id));
  return {
    series: { id: series.id, title: series.title, organization: series.organizationName, rrule: series.rrule, capacity: series.capacity, cancelled: !!series.cancelledAt, timeZone: series.timeZone },
    occurrences: occurrences.map((o) => ({
      id: o.id,
      start: o.start.toISOString(),
      end: o.end.toISOString(),
      localStart: localOf(o.start, series.timeZone),
      localEnd: localOf(o.end, series.timeZone),
      moved: o.moved,
      cancelled: o.cancelled,
      past: o.end.getTime() < Date.now(),
      confirmed: o.confirmed,
      waiting: o.waiting,
    })),
  };
};

export const actions = {
  move: (event) =>
    formAction(event, async (values) => {
      await moveOccurrence(requestContext(event), values.occurrence ?? '', values);
      return { done: 'moved' as const };
    }),
  cancelOccurrence: (event) =>
    formAction(event, async (values) => {
      await cancelOccurrence(requestContext(event), values.occurrence ?? '');
      return { done: 'cancelled' as const };
    }),
  cancelSeries: (event) =>
    formAction(event, async () => {
      await cancelSeries(requestContext(event), event.params.id);
      return { done: 'series' as const };
    }),
};
