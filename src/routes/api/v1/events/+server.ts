import { json } from '@sveltejs/kit';
import { calendarOf, occurrenceJson } from '$lib/server/events';
import { apiHandler } from '$lib/server/http/api';
import { queryOf } from '$lib/server/http/problem';

/** Occurrences across operators, filtered by date, territory, place, kind and distance. */
export const GET = apiHandler(async (event) => {
  const result = await calendarOf(event.locals.runtime.database.db, event.locals.actor, queryOf(event.url));
  return json({ items: result.items.map((item) => occurrenceJson(item, event.url.origin)), truncated: result.truncated });
});
