import { json } from '@sveltejs/kit';
import { requestContext } from '$lib/server/http/form';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { parse } from '$lib/server/http/problem';
import { saveCommuneSet } from '$lib/server/observatory';
import { CommuneSetBody } from '$lib/server/observatory/contracts';

export const POST = jsonApiHandler(async (event, body) => {
  const { id } = await saveCommuneSet(requestContext(event), parse(CommuneSetBody, body));
  return json({ id, observatory: `/api/v1/observatory/set/${id}` }, { status: 201, headers: PRIVATE_HEADERS });
});
