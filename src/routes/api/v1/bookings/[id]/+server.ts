import { json } from '@sveltejs/kit';
import { cancelBooking, getBooking } from '$lib/server/booking';
import { bookingJson } from '$lib/server/booking/contracts';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { PRIVATE_HEADERS } from '$lib/server/http/private';

export const GET = apiHandler(async (event) => json(bookingJson(await getBooking(requestContext(event), event.params.id ?? '')), { headers: PRIVATE_HEADERS }));

export const DELETE = apiHandler(async (event) => json(bookingJson(await cancelBooking(requestContext(event), event.params.id ?? '')), { headers: PRIVATE_HEADERS }));
