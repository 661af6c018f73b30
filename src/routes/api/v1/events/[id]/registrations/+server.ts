import { json } from '@sveltejs/kit';
import { register } from '$lib/server/events';
import { requestContext } from '$lib/server/http/form';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { PRIVATE_HEADERS } from '$lib/server/http/private';

/** 201 for a new registration (a seat or the waiting list); 200 with `Idempotency-Replayed` for a retry. */
export const POST = jsonApiHandler(async (event) => {
  const { registration, replayed } = await register(requestContext(event), event.params.id ?? '', event.request.headers.get('idempotency-key'));
  const headers: Record<string, string> = { ...PRIVATE_HEADERS };
  if (replayed) headers['idempotency-replayed'] = 'true';
  return json(registration, { status: replayed ? 200 : 201, headers });
});
