import * as z from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { EventsQuery, OccurrenceJson, RegistrationJson } from './contracts.ts';

const SESSION = 'Signed in (session cookie set at sign-in, as for the pages); without it the answer is a 401 problem.';
const idPath = z.object({ id: z.string().meta({ description: 'An occurrence id (`{series id}_{original start, YYYYMMDDTHHMMSSZ}`), or a series id' }) });

/** The events part of the OpenAPI description. */
export const eventsPaths: ZodOpenApiPathsObject = {
  '/events': {
    get: {
      summary: 'Event occurrences across operators, by date, territory, place, kind and distance',
      description:
        'Public events for anyone, members-only ones for people signed in. Occurrences between `from` and `to` (local days, Paris; ' +
        'by default 92 days from today), first first; a recurring series gives each of its occurrences, each with a stable id. ' +
        '`near` (INSEE code or LAT,LON) with `radiusKm` (more than 0, at most 200) keeps events at places within the circle.',
      tags: ['events'],
      requestParams: { query: EventsQuery },
      responses: {
        '200': { description: 'Occurrences', content: { 'application/json': { schema: z.object({ items: z.array(OccurrenceJson), truncated: z.boolean() }) } } },
        ...problemResponses('400'),
      },
    },
  },
  '/events/{id}': {
    get: {
      summary: 'One occurrence (or the single occurrence of a series), with its series and seats',
      tags: ['events'],
      requestParams: { path: idPath },
      responses: {
        '200': {
          description: 'The occurrence',
          content: { 'application/json': { schema: OccurrenceJson.extend({ description: z.string(), seatsLeft: z.number().nullable(), waiting: z.number(), occurrences: z.array(z.string()) }) } },
        },
        ...problemResponses('404'),
      },
    },
  },
  '/events/{id}/registrations': {
    post: {
      summary: 'Register to an occurrence: a seat, or the waiting list when it is full',
      description:
        `${SESSION} The database decides: a seat while there is one, else the waiting list (when the event has one), else 409 \`events_full\`. ` +
        'An optional `Idempotency-Key` header makes retries safe: 201 for a new registration, 200 with `Idempotency-Replayed: true` for a retry ' +
        '(or a registration already made to the same occurrence); the same key for another occurrence is a 409. JSON bodies only (415 otherwise).',
      tags: ['events'],
      requestParams: { path: idPath, header: z.object({ 'idempotency-key': z.string().optional().meta({ description: '8 to 200 printable characters' }) }) },
      requestBody: { content: { 'application/json': { schema: z.object({}).meta({ description: 'An empty object' }) } } },
      responses: {
        '201': { description: 'Registered', content: { 'application/json': { schema: RegistrationJson } } },
        '200': { description: 'A retry: the registration made before', content: { 'application/json': { schema: RegistrationJson } } },
        ...problemResponses('400', '401', '404', '409', '415'),
      },
    },
  },
};
