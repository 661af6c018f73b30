import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { ObservatoryJson, TerritoryPath } from './contracts.ts';

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
};
