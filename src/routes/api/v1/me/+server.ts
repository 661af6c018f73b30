import { getProfile, patchProfile } from '$lib/server/accounts';
import { apiHandler } from '$lib/server/http/api';
import { jsonBody } from '$lib/server/http/json-body';

const PRIVATE = { 'cache-control': 'private, no-store' };

export const GET = apiHandler(async ({ locals }) => Response.json(await getProfile(locals.runtime.database.db, locals.actor), { headers: PRIVATE }));

export const PATCH = apiHandler(async ({ locals, request }) =>
  Response.json(await patchProfile(locals.runtime.database.db, locals.actor, await jsonBody(request)), { headers: PRIVATE }),
);
