import { json } from '@sveltejs/kit';
import { checkIn } from '$lib/server/booking';
import { bookingJson } from '$lib/server/booking/contracts';
import { requestContext } from '$lib/server/http/form';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { PRIVATE_HEADERS } from '$lib/server/http/private';

export const POST = jsonApiHandler(async (event, body) =>
  json(bookingJson(await checkIn(requestContext(event), event.params.id ?? '', body)), { headers: PRIVATE_HEADERS }),
);
