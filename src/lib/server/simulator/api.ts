import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { ImpactCo2Query, ImpactCo2Result, Simulation, SimulationQuery } from './contracts.ts';

export const simulatorPaths: ZodOpenApiPathsObject = {
  '/simulator/impactco2': {
    get: {
      summary: "ADEME Impact CO2's telework simulator, reproduced exactly",
      description:
        'Same factors (ADEME Base Empreinte, Licence Ouverte), same floating-point operations and display rounding as Impact CO2.',
      tags: ['simulator'],
      requestParams: { query: ImpactCo2Query },
      responses: {
        '200': { description: 'Figures per year', content: { 'application/json': { schema: ImpactCo2Result } } },
        ...problemResponses('400'),
      },
    },
  },
  '/simulator': {
    get: {
      summary: 'What working N days a week in a place near home saves a year: km, kg CO2e, hours, money',
      description:
        'Distances are straight lines between communes (or points) × a detour factor. Every figure used is listed in `assumptions`.',
      tags: ['simulator'],
      requestParams: { query: SimulationQuery },
      responses: {
        '200': { description: 'Savings a year', content: { 'application/json': { schema: Simulation } } },
        ...problemResponses('400'),
      },
    },
  },
};
