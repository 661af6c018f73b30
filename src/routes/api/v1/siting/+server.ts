import { json } from '@sveltejs/kit';
import { requestContext } from '$lib/server/http/form';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { parse } from '$lib/server/http/problem';
import { runSiting } from '$lib/server/observatory';
import { SitingBody } from '$lib/server/observatory/contracts';

export const POST = jsonApiHandler(async (event, body) => json(await runSiting(requestContext(event), parse(SitingBody, body)), { headers: PRIVATE_HEADERS }));
