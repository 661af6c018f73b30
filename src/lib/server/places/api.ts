import * as z from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { CSV_COLUMNS } from './csv.ts';
import { idOrSlug, Place, PlaceExportQuery, PlaceFeatureCollection, PlaceList, PlaceSearchQuery } from './contracts.ts';

/** The directory's part of the OpenAPI description, built from the same contracts the routes parse with. */
export const placesPaths: ZodOpenApiPathsObject = {
  '/places': {
    get: {
      summary: 'Search the directory of places (coworking spaces, télécentres, fablabs, tiers-lieux)',
      description:
        'Every filter given must hold. Sorted by distance when `near` is given (each item then has `distanceKm`), ' +
        'else by name. Closed places are left out unless `status` asks for them; synthetic places unless `includeSynthetic`.',
      tags: ['places'],
      requestParams: { query: PlaceSearchQuery },
      responses: {
        '200': { description: 'One page of matching places and the total', content: { 'application/json': { schema: PlaceList } } },
        ...problemResponses('400'),
      },
    },
  },
  '/places/{idOrSlug}': {
    get: {
      summary: 'One place by id or slug',
      tags: ['places'],
      requestParams: { path: z.object({ idOrSlug }) },
      responses: {
        '200': { description: 'The place', content: { 'application/json': { schema: Place } } },
        ...problemResponses('404'),
      },
    },
  },
  '/places.geojson': {
    get: {
      summary: 'The matching places as GeoJSON points (every page); Licence Ouverte 2.0',
      description: 'A FeatureCollection whose `metadata` member states the licence and source. Same filters as /places.',
      tags: ['places'],
      requestParams: { query: PlaceExportQuery },
      responses: {
        '200': { description: 'FeatureCollection', content: { 'application/geo+json': { schema: PlaceFeatureCollection } } },
        ...problemResponses('400'),
      },
    },
  },
  '/places.csv': {
    get: {
      summary: 'The matching places as CSV (every page); Licence Ouverte 2.0',
      description:
        'UTF-8 with BOM, comma-separated, RFC 4180 quoting, lists separated by `|`. Columns follow the French ' +
        `médiation numérique data schema where it has the field: ${CSV_COLUMNS.join(', ')}. ` +
        'The same file can be imported back (`maillage places import`).',
      tags: ['places'],
      requestParams: { query: PlaceExportQuery },
      responses: {
        '200': { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } },
        ...problemResponses('400'),
      },
    },
  },
};
