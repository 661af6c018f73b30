import { json } from '@sveltejs/kit';
import { createResource } from '$lib/server/booking';
import { resourceJson } from '$lib/server/booking/contracts';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { parse } from '$lib/server/http/problem';
import { idOrSlug } from '$lib/server/places/contracts';

export const POST = jsonApiHandler(async ({ params, locals }, body) => {
  const resource = await createResource({ db: locals.runtime.database.db, actor: locals.actor }, parse(idOrSlug, params.idOrSlug), body);
  return json(resourceJson(resource), { status: 201 });
});
