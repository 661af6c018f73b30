import { json } from '@sveltejs/kit';
import { occurrenceJson, occurrencePage } from '$lib/server/events';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';

/** One occurrence with its seats and the ids of the series' next occurrences. */
export const GET = apiHandler(async (event) => {
  const page = await occurrencePage(requestContext(event), event.params.id ?? '');
  return json({
    ...occurrenceJson(page, event.url.origin),
    description: page.series.description,
    seatsLeft: page.series.capacity === null ? null : Math.max(0, page.series.capacity - page.confirmed),
    waiting: page.waiting,
    occurrences: page.others.map((o) => o.id),
  });
});
