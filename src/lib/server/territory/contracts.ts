import * as z from 'zod';
import { locationParam } from '../geo/index.ts';
import { coordinatesSources, communeKinds } from './schema.ts';
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_LENGTH } from './service.ts';

// Error messages are catalogue keys (`error_<key>`), translated at the HTTP boundary.

export const inseeCode = z
  .string()
  .regex(/^(\d{2}|2A|2B)\d{3}$/i, { error: 'commune_code_format' })
  .transform((code) => code.toUpperCase())
  .meta({ description: 'INSEE code of a commune (5 characters; 2A/2B for Corsica)', example: '13019' });

export const sirenCode = z
  .string()
  .regex(/^\d{9}$/, { error: 'siren_format' })
  .meta({ description: 'SIREN of an EPCI (9 digits)', example: '244600573' });

export const postalCode = z.string().regex(/^\d{5}$/, { error: 'postal_code_format' }).meta({ example: '46140' });

export const limit = z
  .string()
  .regex(/^[-+]?\d{1,9}$/, { error: 'limit_format' })
  .transform(Number)
  .pipe(z.number().min(1, { error: 'limit_out_of_range' }).max(MAX_LIMIT, { error: 'limit_out_of_range' }))
  .optional()
  .meta({
    description: `Number of results, 1 to ${MAX_LIMIT}; default ${DEFAULT_LIMIT}, or every commune (up to ${MAX_LIMIT}) for a postal code`,
  });

export const CommuneSearchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1, { error: 'query_empty' })
      .max(MAX_QUERY_LENGTH, { error: 'query_too_long' })
      .optional()
      .meta({ description: 'Start of the name; accents, case, hyphens and st/ste = saint/sainte do not matter' }),
    postalCode: postalCode.optional().meta({ description: 'Every commune served by this postal code' }),
    near: locationParam('Around').optional().meta({ description: 'Communes nearest to this point (or commune), nearest first' }),
    limit,
  })
  .refine((query) => [query.q, query.postalCode, query.near].filter((v) => v !== undefined).length === 1, {
    error: 'commune_search_needs_one',
  });

export const Commune = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(communeKinds),
    parentCode: z.string().nullable().meta({ description: 'For an arrondissement, its commune' }),
    postalCodes: z.array(z.string()),
    population: z.number().int().meta({ description: 'Population (INSEE, légale) from the loaded COG edition' }),
    departement: z.string(),
    region: z.string(),
    epci: z.object({ code: z.string(), name: z.string() }).nullable(),
    lat: z.number(),
    lon: z.number(),
    coordinatesSource: z.enum(coordinatesSources).meta({
      description: '`official`: the official centre shipped with Maillage (geo.api.gouv.fr); `geonames`: GeoNames point, where the official file has none (arrondissements); `estimated`: mean of neighbouring communes; `imported`: a centroid file imported by the instance',
    }),
    distanceKm: z.number().optional().meta({ description: 'Great-circle distance to `near`, when given' }),
  })
  .meta({ id: 'Commune' });

export const CommuneList = z.object({ items: z.array(Commune) }).meta({ id: 'CommuneList' });

export const Epci = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.string().meta({ description: 'CC, CA, CU, METRO or MET69' }),
    population: z.number().int(),
    members: z.array(Commune),
  })
  .meta({ id: 'Epci' });

export const Health = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    database: z.object({ engine: z.enum(['pglite', 'postgresql']), migration: z.string() }),
    referenceData: z.object({ territory: z.object({ version: z.string(), vintage: z.string() }).nullable() }),
  })
  .meta({ id: 'Health' });
