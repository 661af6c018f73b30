import * as z from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { idOrSlug } from '../places/index.ts';
import { PeriodQuery, ReportOutput } from './contracts.ts';
import { SCDL_SUBSIDY_FIELDS } from './exports.ts';

const placePath = z.object({ idOrSlug });
const territoryPath = z.object({
  kind: z.enum(['commune', 'epci', 'departement', 'region']).meta({ description: 'The kind of territory' }),
  code: z.string().meta({ description: 'INSEE code (commune, département, région) or SIREN (EPCI)', example: '244600433' }),
});
const PERIOD = 'Period: `from` and `to` (YYYY-MM-DD, both included; default the twelve whole months before this one); a period ending before it starts or longer than 5 years is a 400 problem.';
const PLACE_READERS = 'Signed in, on the team of the organization that runs the place or of a territory organization that funds it (accepted); anyone else gets a 401 or a 403 problem.';
const TERRITORY = 'Public aggregates of the places in the territory that take bookings on Maillage; a place’s revenue only for those who run or fund it.';
const SMALL = 'Any figure about fewer than 5 people is given as `{ "kind": "small" }` (shown "< 5") or null.';
const file = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string().meta({ format: 'binary' }) } } });
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The impact part of the OpenAPI description. */
export const impactPaths: ZodOpenApiPathsObject = {
  '/impact/places/{idOrSlug}': {
    get: {
      summary: 'A place’s impact report: activity, occupancy, commuting avoided, revenue and finances',
      description: `${PLACE_READERS} ${PERIOD} ${SMALL}`,
      tags: ['impact'],
      requestParams: { path: placePath, query: PeriodQuery },
      responses: { '200': { description: 'The report', content: { 'application/json': { schema: ReportOutput } } }, ...problemResponses('400', '401', '403', '404') },
    },
  },
  '/impact/places/{idOrSlug}/report.pdf': {
    get: {
      summary: 'The place’s report as a PDF',
      description: `${PLACE_READERS} ${PERIOD} In the caller’s language (Accept-Language).`,
      tags: ['impact'],
      requestParams: { path: placePath, query: PeriodQuery },
      responses: { '200': file(PDF, 'The report (cover, headline figures, activity, occupancy, commuting, finances, method)'), ...problemResponses('400', '401', '403', '404') },
    },
  },
  '/impact/places/{idOrSlug}/report.xlsx': {
    get: {
      summary: 'The place’s report as a spreadsheet whose "calcul" sheet recomputes each headline figure from its rows',
      description: `${PLACE_READERS} ${PERIOD}`,
      tags: ['impact'],
      requestParams: { path: placePath, query: PeriodQuery },
      responses: { '200': file(XLSX, 'The spreadsheet'), ...problemResponses('400', '401', '403', '404') },
    },
  },
  '/impact/places/{idOrSlug}/subsidies.csv': {
    get: {
      summary: 'The place’s subsidies in the SCDL "Subventions" format',
      description: `${PLACE_READERS} Columns, \`;\`-separated, UTF-8: ${SCDL_SUBSIDY_FIELDS.map(([name]) => name).join(', ')}.`,
      tags: ['impact'],
      requestParams: { path: placePath },
      responses: { '200': { description: 'One line per subsidy', content: { 'text/csv': { schema: z.string() } } }, ...problemResponses('401', '403', '404') },
    },
  },
  '/impact/territories/{kind}/{code}': {
    get: {
      summary: 'A territory’s impact report: its places summed, place by place',
      description: `${TERRITORY} ${PERIOD} ${SMALL}`,
      tags: ['impact'],
      requestParams: { path: territoryPath, query: PeriodQuery },
      responses: { '200': { description: 'The report', content: { 'application/json': { schema: ReportOutput } } }, ...problemResponses('400', '404') },
    },
  },
  '/impact/territories/{kind}/{code}/report.pdf': {
    get: {
      summary: 'The territory’s report as a PDF',
      description: `${TERRITORY} ${PERIOD}`,
      tags: ['impact'],
      requestParams: { path: territoryPath, query: PeriodQuery },
      responses: { '200': file(PDF, 'The report'), ...problemResponses('400', '404') },
    },
  },
  '/impact/territories/{kind}/{code}/report.xlsx': {
    get: {
      summary: 'The territory’s report as a spreadsheet ("calcul" recomputes the headline figures)',
      description: `${TERRITORY} ${PERIOD}`,
      tags: ['impact'],
      requestParams: { path: territoryPath, query: PeriodQuery },
      responses: { '200': file(XLSX, 'The spreadsheet'), ...problemResponses('400', '404') },
    },
  },
};
