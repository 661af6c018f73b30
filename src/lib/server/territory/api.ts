import * as z from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { Commune, CommuneList, CommuneSearchQuery, Epci, Health, inseeCode, sirenCode } from './contracts.ts';
import { problemResponses } from '../http/openapi-common.ts';

/** The territory's part of the OpenAPI description, built from the same contracts the routes parse with. */
export const territoryPaths: ZodOpenApiPathsObject = {
  '/health': {
    get: {
      summary: 'Version, database engine, migration level and reference-data vintage',
      tags: ['system'],
      responses: { '200': { description: 'Running', content: { 'application/json': { schema: Health } } } },
    },
  },
  '/communes': {
    get: {
      summary: 'Search communes by name, postal code or nearness to a point',
      description: 'Give exactly one of `q`, `postalCode` or `near`.',
      tags: ['territory'],
      requestParams: { query: CommuneSearchQuery },
      responses: {
        '200': { description: 'Matching communes', content: { 'application/json': { schema: CommuneList } } },
        ...problemResponses('400'),
      },
    },
  },
  '/communes/{code}': {
    get: {
      summary: 'One commune by INSEE code',
      tags: ['territory'],
      requestParams: { path: z.object({ code: inseeCode }) },
      responses: {
        '200': { description: 'The commune', content: { 'application/json': { schema: Commune } } },
        ...problemResponses('400', '404'),
      },
    },
  },
  '/epci/{siren}': {
    get: {
      summary: 'An EPCI with its member communes and total population',
      tags: ['territory'],
      requestParams: { path: z.object({ siren: sirenCode }) },
      responses: {
        '200': { description: 'The EPCI', content: { 'application/json': { schema: Epci } } },
        ...problemResponses('400', '404'),
      },
    },
  },
};
