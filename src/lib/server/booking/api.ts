import * as z from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { idOrSlug } from '../places/index.ts';
import { MAX_NEARBY_RADIUS_KM } from './availability.ts';
import {
  AvailabilityQuery,
  BookingInput,
  BookingList,
  BookingOutput,
  CheckInInput,
  MyBookingsQuery,
  NearbyAvailabilityOutput,
  NearbyAvailabilityQuery,
  PlaceAvailabilityOutput,
  ResourceInput,
  ResourceOutput,
} from './contracts.ts';

const SESSION = 'Signed in (session cookie set at sign-in, as for the pages); without it the answer is a 401 problem.';

const bookingId = z.object({ id: z.uuid().meta({ description: 'The booking id' }) });
const placePath = z.object({ idOrSlug });
const booking = (description: string) => ({ description, content: { 'application/json': { schema: BookingOutput } } });

/** The booking part of the OpenAPI description, built from the contracts the routes parse and answer with. */
export const bookingPaths: ZodOpenApiPathsObject = {
  '/places/{idOrSlug}/availability': {
    get: {
      summary: 'What can be booked at a place on a day or a week: free desk seats, free room times',
      description:
        'Public. Each active desk pool with its free seats for the whole day, the morning and the afternoon; each room ' +
        'with its opening, its booked stretches (buffer included) and the quarter hours at which its shortest booking can ' +
        'start. A place that is not open lists no resource. Times are local (Paris). `days` (1 to 7) asks for that many days ' +
        'from `date`: each is in `days`; `day` and `resources` are the first one.',
      tags: ['booking'],
      requestParams: { path: placePath, query: AvailabilityQuery },
      responses: {
        '200': { description: 'The availability of the day', content: { 'application/json': { schema: PlaceAvailabilityOutput } } },
        ...problemResponses('400', '404'),
      },
    },
  },
  '/availability': {
    get: {
      summary: 'Free desks on a day or a week at every open place around a commune or a point, nearest first',
      description:
        `Public. Places with desk pools within \`radiusKm\` (more than 0, at most ${MAX_NEARBY_RADIUS_KM}) of \`near\`; a full or closed place is listed with 0 free seats. ` +
        '`days` (1 to 7) asks for that many days from `date`: each place has its free seats of each day in `days`, and of the first in `free`.',
      tags: ['booking'],
      requestParams: { query: NearbyAvailabilityQuery },
      responses: {
        '200': { description: 'Places and their free desk seats', content: { 'application/json': { schema: NearbyAvailabilityOutput } } },
        ...problemResponses('400'),
      },
    },
  },
  '/places/{idOrSlug}/resources': {
    post: {
      summary: "Add a bookable resource to a place: a desk pool, a room or an office",
      description: `${SESSION} Only the place's team (members of its operator organization) and platform administrators; 403 for others.`,
      tags: ['booking'],
      requestParams: { path: placePath },
      requestBody: { required: true, content: { 'application/json': { schema: ResourceInput } } },
      responses: {
        '201': {
          description: 'The resource created',
          content: { 'application/json': { schema: ResourceOutput } },
        },
        ...problemResponses('400', '401', '403', '404', '413', '415'),
      },
    },
  },
  '/bookings': {
    get: {
      summary: "The signed-in person's bookings, from a day on",
      description: `${SESSION} Every status (cancelled ones included), by day and time.`,
      tags: ['booking'],
      requestParams: { query: MyBookingsQuery },
      responses: {
        '200': { description: 'The bookings', content: { 'application/json': { schema: BookingList } } },
        ...problemResponses('400', '401'),
      },
    },
    post: {
      summary: 'Book a desk (by the day or half-day) or a room (by the quarter hour)',
      description:
        `${SESSION} The address must be verified. Payment \`auto\` uses a plan covering the day, else a carnet unit (desks), ` +
        'else the price is paid on site. Send an `Idempotency-Key` (8 to 200 visible ASCII characters, new for each booking ' +
        'attempt): a retry with the same key and request returns the booking already made (200, `Idempotency-Replayed: true`) ' +
        'instead of booking twice; the same key for another request is a 409. A full desk pool (`booking_full`), a taken room ' +
        '(`booking_room_taken`), a closed day (`booking_closed`) or a slot outside the hours (`booking_outside_hours`) is a 409 ' +
        'whose `code` says which; the database decides, whatever the number of app processes.',
      tags: ['booking'],
      requestParams: {
        header: z.object({ 'idempotency-key': z.string().optional().meta({ description: 'A client-chosen token, unique per booking attempt' }) }),
      },
      requestBody: { required: true, content: { 'application/json': { schema: BookingInput } } },
      responses: {
        '201': {
          ...booking('The booking made; a confirmation e-mail with its .ics is sent'),
          headers: z.object({ location: z.string().meta({ description: 'Its URL in the API' }) }),
        },
        '200': {
          ...booking('A retry: the booking this Idempotency-Key already made'),
          headers: z.object({ 'idempotency-replayed': z.literal('true') }),
        },
        ...problemResponses('400', '401', '403', '404', '409', '413', '415'),
      },
    },
  },
  '/bookings/{id}': {
    get: {
      summary: 'One booking',
      description: `${SESSION} Its booker and the place's team only: anyone else gets 404, as for an unknown id.`,
      tags: ['booking'],
      requestParams: { path: bookingId },
      responses: { '200': booking('The booking'), ...problemResponses('401', '404') },
    },
    delete: {
      summary: 'Cancel a booking',
      description:
        `${SESSION} The booker until the place's notice (24 hours before by default), the place's team at any time. ` +
        'A carnet unit is given back. Too late, or already cancelled, checked in or over: 409. Others: 404.',
      tags: ['booking'],
      requestParams: { path: bookingId },
      responses: { '200': booking('The booking, cancelled'), ...problemResponses('401', '404', '409') },
    },
  },
  '/bookings/{id}/check-in': {
    post: {
      summary: 'Check a booking in, on its day',
      description:
        `${SESSION} The booker sends the code of the day shown at the place (\`{"code": "123456"}\`; a wrong one is a 403); ` +
        "the place's team sends `{}`. Not today, or no longer awaiting arrival: 409. Others: 404.",
      tags: ['booking'],
      requestParams: { path: bookingId },
      requestBody: { required: true, content: { 'application/json': { schema: CheckInInput } } },
      responses: { '200': booking('The booking, checked in'), ...problemResponses('400', '401', '403', '404', '409', '413', '415') },
    },
  },
};
