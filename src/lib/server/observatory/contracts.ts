import * as z from 'zod';

// Error messages are catalogue keys (`error_<key>`), translated at the HTTP boundary.

export const territoryKinds = ['commune', 'epci', 'departement', 'region', 'set'] as const;

export const TerritoryPath = z
  .object({
    kind: z.enum(territoryKinds, { error: 'observatory_kind_invalid' }).meta({ description: 'commune, epci, departement, region, or set (a saved set of communes)' }),
    code: z
      .string()
      .regex(/^[0-9A-Za-z]{1,9}$/, { error: 'territory_code_format' })
      .transform((code) => code.toUpperCase())
      .meta({ description: 'INSEE code of a commune, SIREN of an EPCI, code of a département (46, 2A, 974) or of a région (76), number of a set', example: '46' }),
  })
  .superRefine((path, context) => {
    const formats = { commune: /^(\d{2}|2A|2B)\d{3}$/, epci: /^\d{9}$/, departement: /^(\d{2,3}|2A|2B)$/, region: /^\d{2}$/, set: /^\d{1,9}$/ } as const;
    if (!formats[path.kind].test(path.code)) context.addIssue({ code: 'custom', path: ['code'], message: 'territory_code_format' });
  });

const Source = z.object({
  source: z.string(),
  year: z.string().meta({ description: 'Vintage of the data (population) or the day the directory was read' }),
  method: z.string(),
});

const CommuneRow = z.object({
  code: z.string(),
  name: z.string(),
  population: z.number().int(),
  lat: z.number(),
  lon: z.number(),
  open: z.number().int(),
  projects: z.number().int(),
  closed: z.number().int(),
  desks: z.number().int().meta({ description: 'Desks of the open places whose number is known' }),
  unknownDesks: z.number().int().meta({ description: 'Open places whose number of desks is not known' }),
  desksPer10000: z.number().nullable(),
  nearestOpenKm: z.number().nullable().meta({ description: 'Estimated road km to the nearest open place, anywhere; null beyond 100 km' }),
});

export const ObservatoryJson = z
  .object({
    territory: z.object({
      kind: z.enum(territoryKinds),
      code: z.string(),
      name: z.string(),
      population: z.number().int(),
      communes: z.number().int(),
    }),
    asOf: z.string().meta({ description: 'Day the directory was read (YYYY-MM-DD)' }),
    detourFactor: z.number().meta({ description: 'Road km = straight-line km × this factor' }),
    places: z.object({ open: z.number().int(), projects: z.number().int(), closed: z.number().int() }),
    desks: z.object({ total: z.number().int(), per10000: z.number().nullable(), openPlacesWithUnknownDesks: z.number().int() }),
    topTwo: z.object({
      communes: z.array(z.object({ code: z.string(), name: z.string(), desks: z.number().int() })),
      share: z.number().nullable().meta({ description: 'Share (0–1) of the desks held by the two communes with the most' }),
    }),
    reach: z.array(z.object({ radiusKm: z.number(), population: z.number().int(), share: z.number().nullable() })),
    outOfReachKm: z.number(),
    outOfReach: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        population: z.number().int(),
        kind: z.enum(['small_town', 'bourg']),
        nearestOpenKm: z.number().nullable(),
      }),
    ),
    openingsByYear: z.array(z.object({ year: z.number().int(), places: z.number().int() })),
    openingsWithoutYear: z.number().int(),
    contours: z
      .object({ loaded: z.number().int(), synthetic: z.boolean(), sources: z.array(z.string()) })
      .meta({ description: 'How many of the communes have contours loaded (the choropleth); synthetic: the demo cells, not boundaries' }),
    sources: z.object({ population: Source, places: Source, desks: Source, reach: Source, outOfReach: Source, openings: Source }),
    communes: z.array(CommuneRow),
  })
  .meta({ id: 'Observatory' });

const inseeList = z.array(z.string().regex(/^(\d{2}|2A|2B)\d{3}$/i, { error: 'commune_code_format' })).max(5000);

export const SitingBody = z
  .object({
    territory: z.object({ kind: z.enum(territoryKinds, { error: 'observatory_kind_invalid' }), code: z.string().min(1).max(9) }),
    k: z.number({ error: 'siting_k_whole' }).int({ error: 'siting_k_whole' }).meta({ description: 'How many new places to choose' }),
    candidates: inseeList.optional().meta({ description: 'INSEE codes; default: communes of 2,000+ inhabitants of the territory without an open place' }),
    radiusKm: z.number().optional().meta({ description: 'Catchment in estimated road km, over 0 and at most 100; default 15' }),
    localShare: z.number().optional().meta({ description: 'Share (0–1] of commuters who would work in the place some days; default 0.2' }),
    daysPerWeek: z.number().int().optional().meta({ description: 'Days a week in the place (1–5); default 1' }),
    pinned: inseeList.optional().meta({ description: 'Communes that must be chosen' }),
    excluded: inseeList.optional().meta({ description: 'Communes that must not be chosen' }),
    organizationId: z.string().max(100).optional().meta({ description: 'The territory organization the run is for; needed only for a member of several' }),
  })
  .meta({ id: 'SitingRequest' });

const Site = z.object({
  code: z.string(),
  name: z.string(),
  population: z.number().int(),
  pinned: z.boolean(),
  catchment: z.array(z.object({ code: z.string(), name: z.string(), workers: z.number(), kmAvoided: z.number() })),
  workers: z.number().meta({ description: 'Commuters who would work in the place some days (local share applied)' }),
  kmAvoided: z.number().meta({ description: 'Road km avoided a year' }),
  co2eKgAvoided: z.number().meta({ description: "kg CO2e avoided a year (the simulator's car factor)" }),
  staysChosen: z.array(z.object({ radiusKm: z.number(), chosen: z.boolean() })),
});

export const SitingResultJson = z
  .object({
    territory: z.object({ kind: z.enum(territoryKinds), code: z.string(), name: z.string() }),
    parameters: z.object({
      k: z.number().int(),
      radiusKm: z.number(),
      localShare: z.number(),
      daysPerWeek: z.number().int(),
      pinned: z.array(z.string()),
      excluded: z.array(z.string()),
      candidates: z.number().int(),
      detourFactor: z.number(),
      workingWeeks: z.number().int(),
    }),
    demand: z.object({
      source: z.enum(['flows', 'gravity_estimate']),
      flows: z
        .object({ vintage: z.number().int(), fileName: z.string(), rows: z.number().int(), synthetic: z.boolean(), importedAt: z.string() })
        .nullable(),
      description: z.string(),
    }),
    sites: z.array(Site),
    objective: z.number().meta({ description: 'Road km avoided a year by the new sites, above the existing places' }),
    bound: z.number().meta({ description: 'No choice of k sites avoids more (Lagrangian bound, or the exact MIP on small instances)' }),
    gap: z.number().meta({ description: '(bound − objective) / bound' }),
    solver: z.object({ path: z.enum(['fast', 'exact']), optimal: z.boolean(), milliseconds: z.number() }),
    co2eKgAvoided: z.number(),
    existingOpenPlaces: z.number().int(),
    assumptions: z.array(z.string()),
  })
  .meta({ id: 'SitingResult' });

export const CommuneSetBody = z
  .object({
    name: z.string().max(200).meta({ description: 'Name of the set (1–120 characters)', example: 'Bassin de vie de Luzech' }),
    communes: z.array(z.string().max(10)).max(5000).meta({ description: 'INSEE codes of the communes (1–5,000)', example: ['46182', '46042'] }),
    organizationId: z.string().max(100).optional().meta({ description: 'The territory organization the set is for; needed only for a member of several' }),
  })
  .meta({ id: 'CommuneSet' });
