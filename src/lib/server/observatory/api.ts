import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { CommuneSetBody, ObservatoryJson, SitingBody, SitingResultJson, TerritoryPath } from './contracts.ts';
import * as z from 'zod';

const ScenarioPath = z.object({ id: z.uuid().meta({ description: 'A saved scenario of your organization' }) });

export const observatoryPaths: ZodOpenApiPathsObject = {
  '/observatory/{kind}/{code}': {
    get: {
      summary: 'Places, desks and reach of a commune, an EPCI, a département or a région, with a row per commune',
      description:
        'Public: the directory and public territorial data. Every figure names its source, year and method in `sources`. Road distances are straight lines × `detourFactor`.',
      tags: ['observatory'],
      requestParams: { path: TerritoryPath },
      responses: {
        '200': { description: 'The figures', content: { 'application/json': { schema: ObservatoryJson } } },
        ...problemResponses('400', '404'),
      },
    },
  },
  '/observatory/{kind}/{code}/communes.csv': {
    get: {
      summary: 'The per-commune table as CSV (text cells neutralised against spreadsheet formulas)',
      tags: ['observatory'],
      requestParams: { path: TerritoryPath },
      responses: {
        '200': { description: 'CSV, UTF-8 with a BOM', content: { 'text/csv': { schema: { type: 'string' } } } },
        ...problemResponses('400', '404'),
      },
    },
  },
  '/observatory/{kind}/{code}/contours.geojson': {
    get: {
      summary: 'The contours of the communes (those loaded), each with its desks and the estimated road km to the nearest open place',
      description: '`reachClass`: 0 within 10 km, 1 within 15, 2 within 30, 3 farther or none within 100 km. Contours are simplified (about 50 m).',
      tags: ['observatory'],
      requestParams: { path: TerritoryPath },
      responses: {
        '200': { description: 'A GeoJSON FeatureCollection', content: { 'application/geo+json': { schema: { type: 'object' } } } },
        ...problemResponses('400', '404'),
      },
    },
  },
  '/observatory/sets': {
    post: {
      summary: 'Save a set of communes as a territory of the observatory and the siting (kind `set`, code: its number)',
      description: 'For a member of a territory organization. Every code must be a commune (arrondissements are counted in their commune).',
      tags: ['observatory'],
      requestBody: { content: { 'application/json': { schema: CommuneSetBody } } },
      responses: {
        '201': {
          description: 'The number of the set and the address of its observatory',
          content: { 'application/json': { schema: z.object({ id: z.number().int(), observatory: z.string() }) } },
        },
        ...problemResponses('400', '401', '403', '415'),
      },
    },
  },
  '/siting/scenarios/{id}/sites.csv': {
    get: {
      summary: 'The sites of a saved scenario as CSV (text cells neutralised against spreadsheet formulas)',
      tags: ['observatory'],
      requestParams: { path: ScenarioPath },
      responses: {
        '200': { description: 'CSV, UTF-8 with a BOM', content: { 'text/csv': { schema: { type: 'string' } } } },
        ...problemResponses('401', '403', '404'),
      },
    },
  },
  '/siting/scenarios/{id}/sites.geojson': {
    get: {
      summary: "The sites of a saved scenario as GeoJSON points at their communes' centres, with their figures",
      tags: ['observatory'],
      requestParams: { path: ScenarioPath },
      responses: {
        '200': { description: 'A GeoJSON FeatureCollection', content: { 'application/geo+json': { schema: { type: 'object' } } } },
        ...problemResponses('401', '403', '404'),
      },
    },
  },
  '/siting': {
    post: {
      summary: 'Choose k communes for new places that avoid the most commuting, keeping existing open places as built',
      description:
        "For a member of a territory organization. Fast path (lazy greedy, then swaps) for every request, with a Lagrangian bound on how far it can be from the best answer; small instances are also solved exactly (HiGHS). Without an imported flows file, commuting is a gravity estimate, said so in `demand`.",
      tags: ['observatory'],
      requestBody: { content: { 'application/json': { schema: SitingBody } } },
      responses: {
        '200': { description: 'The sites, their figures, the objective, the bound and the gap', content: { 'application/json': { schema: SitingResultJson } } },
        ...problemResponses('400', '401', '403', '404', '415'),
      },
    },
  },
};
