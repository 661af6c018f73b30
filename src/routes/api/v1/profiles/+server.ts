import { json } from '@sveltejs/kit';
import { searchProfiles } from '$lib/server/community';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { queryOf } from '$lib/server/http/problem';

/** The skills directory; what a signed-in member sees differs, so no shared cache for them. */
export const GET = apiHandler(async (event) => {
  const { items, total, page, pageSize } = await searchProfiles(requestContext(event), queryOf(event.url), event.locals.locale);
  return json({ items, total, page, pageSize }, event.locals.actor.kind === 'user' ? { headers: PRIVATE_HEADERS } : undefined);
});
