import { json } from '@sveltejs/kit';
import { createBooking, myBookings } from '$lib/server/booking';
import { bookingJson, MyBookingsQuery } from '$lib/server/booking/contracts';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { PRIVATE_HEADERS } from '$lib/server/http/private';
import { parse, queryOf } from '$lib/server/http/problem';

export const GET = apiHandler(async (event) => {
  const { from } = parse(MyBookingsQuery, queryOf(event.url));
  const items = await myBookings(requestContext(event), from);
  return json({ items: items.map(bookingJson) }, { headers: PRIVATE_HEADERS });
});

/** 201 for a new booking; 200 with `Idempotency-Replayed` for a retry of one already made. */
export const POST = jsonApiHandler(async (event, body) => {
  const { booking, replayed } = await createBooking(requestContext(event), body, event.request.headers.get('idempotency-key'));
  const headers: Record<string, string> = { ...PRIVATE_HEADERS, location: `/api/v1/bookings/${booking.id}` };
  if (replayed) headers['idempotency-replayed'] = 'true';
  return json(bookingJson(booking), { status: replayed ? 200 : 201, headers });
});
