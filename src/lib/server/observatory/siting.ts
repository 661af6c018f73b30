// Siting: which k communes of a territory, given the places already open, would avoid the most commuting
// if a place opened there. Builds the instance from the territory, the directory and the commuting data,
// then runs the solver (fast path always; exact path when small) and explains each site.
import { and, desc, eq } from 'drizzle-orm';
import { csvCell } from '../csv-cell.ts';
import { assertCan, type Actor, type SignedInActor } from '../accounts/index.ts';
import './access.ts';
import type { Db } from '../db/index.ts';
import { invalid, notFound, forbidden } from '../errors.ts';
import { distanceKm } from '../geo/index.ts';
import { placeFacts } from '../places/index.ts';
import { DEFAULT_DETOUR_FACTOR, DEFAULT_WORKING_WEEKS, maillageSavings } from '../simulator/index.ts';
import { allCommunePoints, communeCentres, type CommunePoint } from '../territory/index.ts';
import { demandFromFlows, gravityDemand, kmAvoidedPerTrip, EMPLOYED_SOURCE, WORKING_ELSEWHERE_SOURCE, type CommuterGroup, type Demand } from './demand.ts';
import { EXACT_MAX_PAIRS, solveExact } from './exact.ts';
import { flowHomes, flowsFrom, flowsInUse, type FlowsInUse } from './flows.ts';
import { PointGrid, REACH_RADII_KM } from './reach.ts';
import { sitingScenarios } from './schema.ts';
import { observatoryTerritory, type ObservatoryKind } from './territory.ts';
import { buildInstance, checkChoice, solveFast, type InstanceEntry, type SitingInstance } from './solver.ts';

export const MAX_RADIUS_KM = 100;
export const DEFAULT_RADIUS_KM = 15;
export const DEFAULT_LOCAL_SHARE = 0.2;
export const DEFAULT_DAYS_PER_WEEK = 1;
/** Default candidates: communes of at least this many inhabitants without an open place. */
export const CANDIDATE_MIN_POPULATION = 2_000;
export const MAX_SITES = 50;
/** The flows file is used for a territory when its communes of residence hold this share of the population. */
export const FLOWS_COVERAGE = 0.9;

export interface SitingRequest {
  territory: { kind: ObservatoryKind; code: string };
  k: number;
  /** INSEE codes; default: communes of 2,000+ inhabitants of the territory without an open place. */
  candidates?: string[];
  /** Catchment: a site serves the communes within this road distance (km, estimated). */
  radiusKm?: number;
  /** Share of the commuters of a served commune who would work in the place some days (0–1). */
  localShare?: number;
  daysPerWeek?: number;
  pinned?: string[];
  excluded?: string[];
}

export interface SiteFigures {
  code: string;
  name: string;
  population: number;
  pinned: boolean;
  /** Communes this site serves better than any existing place or other site. */
  catchment: { code: string; name: string; workers: number; kmAvoided: number }[];
  /** Commuters who would work in the place some days (local share applied). */
  workers: number;
  kmAvoided: number;
  co2eKgAvoided: number;
  /** Whether the site is still chosen with a catchment of 10, 15 and 30 km. */
  staysChosen: { radiusKm: number; chosen: boolean }[];
}

export interface SitingResult {
  territory: { kind: ObservatoryKind; code: string; name: string };
  parameters: Required<Omit<SitingRequest, 'territory' | 'candidates'>> & { candidates: number; detourFactor: number; workingWeeks: number };
  demand: { source: 'flows' | 'gravity_estimate'; flows: FlowsInUse | null; description: string };
  sites: SiteFigures[];
  /** Road km avoided a year by the new sites, above what existing places already avoid. */
  objective: number;
  /** No choice of k sites can avoid more than this. */
  bound: number;
  /** (bound − objective) / bound. */
  gap: number;
  solver: { path: 'fast' | 'exact'; optimal: boolean; milliseconds: number };
  co2eKgAvoided: number;
  existingOpenPlaces: number;
  assumptions: string[];
}

interface Prepared {
  instance: SitingInstance;
  candidates: CommunePoint[];
  demandCommunes: CommunePoint[];
}

function checkNumbers(request: SitingRequest): { radiusKm: number; localShare: number; daysPerWeek: number } {
  const radiusKm = request.radiusKm ?? DEFAULT_RADIUS_KM;
  const localShare = request.localShare ?? DEFAULT_LOCAL_SHARE;
  const daysPerWeek = request.daysPerWeek ?? DEFAULT_DAYS_PER_WEEK;
  if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) throw invalid('siting_radius_invalid', { max: MAX_RADIUS_KM });
  if (!(localShare > 0 && localShare <= 1)) throw invalid('siting_local_share_invalid');
  if (!Number.isInteger(daysPerWeek) || daysPerWeek < 1 || daysPerWeek > 5) throw invalid('siting_days_invalid');
  return { radiusKm, localShare, daysPerWeek };
}

/** Yearly road km a site `placeKm` (straight) from home avoids for a commune's commuters. */
function yearlyKm(groups: readonly CommuterGroup[], placeKm: number, localShare: number, daysPerWeek: number) {
  const perTrip = kmAvoidedPerTrip(groups, placeKm);
  const trips = 2 * daysPerWeek * DEFAULT_WORKING_WEEKS;
  return { workers: perTrip.workers * localShare, km: perTrip.km * localShare * trips * DEFAULT_DETOUR_FACTOR };
}

function prepare(
  territoryCommunesList: CommunePoint[],
  candidates: CommunePoint[],
  openPlaces: { lat: number; lon: number }[],
  demand: Demand,
  radiusKm: number,
  localShare: number,
  daysPerWeek: number,
): Prepared {
  const straightRadius = radiusKm / DEFAULT_DETOUR_FACTOR;
  const placeGrid = new PointGrid(openPlaces);
  const base = new Float64Array(territoryCommunesList.length);
  const index = new Map(territoryCommunesList.map((c, i) => [c.code, i]));
  territoryCommunesList.forEach((home, i) => {
    const groups = demand.get(home.code);
    if (!groups) return;
    for (const { km } of placeGrid.within(home, straightRadius)) base[i] = Math.max(base[i]!, yearlyKm(groups, km, localShare, daysPerWeek).km);
  });
  const homeGrid = new PointGrid(territoryCommunesList);
  const entries: InstanceEntry[] = [];
  candidates.forEach((site, j) => {
    for (const { point: home, km } of homeGrid.within(site, straightRadius)) {
      const groups = demand.get(home.code);
      if (!groups) continue;
      const value = yearlyKm(groups, km, localShare, daysPerWeek).km;
      if (value > 0) entries.push({ candidate: j, demand: index.get(home.code)!, value });
    }
  });
  return {
    instance: buildInstance(territoryCommunesList.length, candidates.length, entries, base),
    candidates,
    demandCommunes: territoryCommunesList,
  };
}

/** The territory organization a person runs siting for: the one given, or their only one. */
export function sitingOrganization(actor: Actor, organizationId?: string): SignedInActor & { organizationId: string } {
  if (actor.kind !== 'user') return assertCan(actor, 'siting.run', { type: 'organization', id: '', kind: 'territory' }) as never;
  const territorial = actor.memberships.filter((m) => m.organizationKind === 'territory');
  const chosen = organizationId ? actor.memberships.find((m) => m.organizationId === organizationId) : territorial.length === 1 ? territorial[0] : undefined;
  if (!chosen) {
    if (organizationId && actor.platformRole === 'admin') return { ...actor, organizationId };
    if (organizationId) throw notFound('organization_not_found');
    throw forbidden(territorial.length === 0 ? 'siting_territory_organization_required' : 'siting_organization_choose');
  }
  const user = assertCan(actor, 'siting.run', { type: 'organization', id: chosen.organizationId, kind: chosen.organizationKind });
  return { ...user, organizationId: chosen.organizationId };
}

/** Runs a siting for a member of a territory organization. */
export async function runSiting(ctx: { db: Db; actor: Actor }, request: SitingRequest & { organizationId?: string }): Promise<SitingResult> {
  sitingOrganization(ctx.actor, request.organizationId);
  return computeSiting(ctx.db, request);
}

/** The computation itself (no one to check: callers have asked `can`; the bench calls it directly). */
export async function computeSiting(db: Db, request: SitingRequest): Promise<SitingResult> {
  const { radiusKm, localShare, daysPerWeek } = checkNumbers(request);
  const [territory, places, flows] = await Promise.all([
    observatoryTerritory(db, request.territory.kind, request.territory.code),
    placeFacts(db),
    flowsInUse(db),
  ]);
  const byCode = new Map(territory.communes.map((c) => [c.code, c]));
  const openPlaces = places.filter((p) => p.status === 'open');
  const withOpenPlace = new Set(openPlaces.map((p) => p.communeCode));
  const pinnedCodes = [...new Set((request.pinned ?? []).map((c) => c.toUpperCase()))];
  const excludedCodes = new Set((request.excluded ?? []).map((c) => c.toUpperCase()));
  for (const code of [...pinnedCodes, ...excludedCodes, ...(request.candidates ?? []).map((c) => c.toUpperCase())]) {
    if (!byCode.has(code)) throw invalid('siting_commune_outside', { code: code.slice(0, 10) });
  }
  for (const code of pinnedCodes) if (excludedCodes.has(code)) throw invalid('siting_pinned_excluded', { code });
  const candidateCodes = request.candidates
    ? [...new Set(request.candidates.map((c) => c.toUpperCase()))]
    : territory.communes.filter((c) => c.population >= CANDIDATE_MIN_POPULATION && !withOpenPlace.has(c.code)).map((c) => c.code);
  for (const code of pinnedCodes) if (!candidateCodes.includes(code)) candidateCodes.push(code);
  const candidates = candidateCodes.map((code) => byCode.get(code)!);
  const allowed = candidates.filter((c) => !excludedCodes.has(c.code)).length;
  if (!Number.isInteger(request.k) || request.k < 1 || request.k > Math.min(allowed, MAX_SITES)) {
    throw invalid('siting_k_out_of_range', { max: Math.min(allowed, MAX_SITES) });
  }
  if (pinnedCodes.length > request.k) throw invalid('siting_too_many_pinned', { k: request.k });

  // The flows file when it covers the territory (a file may cover only some territories, as the demo's does).
  const list = flows ? await flowsFrom(db, territory.communes.map((c) => c.code)) : [];
  const covered = flows ? await flowHomes(db, territory.communes.map((c) => c.code)) : new Set<string>();
  const population = territory.communes.reduce((sum, c) => sum + c.population, 0);
  const coveredPopulation = territory.communes.reduce((sum, c) => (covered.has(c.code) ? sum + c.population : sum), 0);
  const fromFlows = population > 0 && coveredPopulation / population >= FLOWS_COVERAGE;
  const demand: Demand = fromFlows
    ? demandFromFlows(list, await communeCentres(db, [...new Set(list.flatMap((f) => [f.home, f.work]))]))
    : gravityDemand(territory.communes, await allCommunePoints(db));

  const solve = async (radius: number, exact: boolean) => {
    const prepared = prepare(territory.communes, candidates, openPlaces, demand, radius, localShare, daysPerWeek);
    const choice = {
      k: request.k,
      pinned: pinnedCodes.map((code) => candidateCodes.indexOf(code)),
      excluded: [...excludedCodes].map((code) => candidateCodes.indexOf(code)).filter((j) => j >= 0),
    };
    const checked = checkChoice(prepared.instance, choice);
    if ('problem' in checked) throw invalid('siting_k_out_of_range', { max: allowed });
    const fast = solveFast(prepared.instance, choice, { budgetMs: 3000 });
    let answer = { chosen: fast.chosen, value: fast.value, bound: fast.upperBound, path: 'fast' as 'fast' | 'exact', optimal: fast.gap <= 1e-9, milliseconds: fast.milliseconds };
    if (exact && prepared.instance.demand.length <= EXACT_MAX_PAIRS && fast.gap > 1e-9) {
      const proven = await solveExact(prepared.instance, choice, { timeLimitSeconds: 10 });
      const bound = Math.min(fast.upperBound, proven.upperBound);
      answer =
        proven.value > fast.value + 1e-9
          ? { chosen: proven.chosen, value: proven.value, bound, path: 'exact', optimal: proven.optimal, milliseconds: fast.milliseconds + proven.milliseconds }
          : { ...answer, bound, optimal: proven.optimal || fast.value >= bound - 1e-9, milliseconds: fast.milliseconds + proven.milliseconds };
    }
    return { prepared, answer };
  };

  const { prepared, answer } = await solve(radiusKm, true);
  const stays = await Promise.all(
    REACH_RADII_KM.map(async (radius) => ({
      radius,
      chosen: new Set(radius === radiusKm ? answer.chosen : (await solve(radius, false)).answer.chosen),
    })),
  );
  const kgPerKm = carKgPerKm();
  const sites = explainSites(prepared, answer.chosen, localShare, daysPerWeek, demand).map((site) => ({
    ...site,
    pinned: pinnedCodes.includes(site.code),
    co2eKgAvoided: Math.round(site.kmAvoided * kgPerKm),
    staysChosen: stays.map(({ radius, chosen }) => ({ radiusKm: radius, chosen: chosen.has(candidateCodes.indexOf(site.code)) })),
  }));
  const objective = Math.round(answer.value);
  return {
    territory: { kind: territory.kind, code: territory.code, name: territory.name },
    parameters: {
      k: request.k,
      radiusKm,
      localShare,
      daysPerWeek,
      pinned: pinnedCodes,
      excluded: [...excludedCodes],
      candidates: candidates.length,
      detourFactor: DEFAULT_DETOUR_FACTOR,
      workingWeeks: DEFAULT_WORKING_WEEKS,
    },
    demand: fromFlows && flows
      ? {
          source: 'flows',
          flows,
          description: `INSEE home → workplace flows ${flows.vintage}${flows.synthetic ? ' (SYNTHETIC demo file, not INSEE data)' : ''}, ${flows.fileName}`,
        }
      : {
          source: 'gravity_estimate',
          flows: null,
          description: `ESTIMATE: no flows file imported; commuters = population × employed share × share working elsewhere (${EMPLOYED_SOURCE}; ${WORKING_ELSEWHERE_SOURCE}), sent to communes within 80 km in proportion to population / distance²`,
        },
    sites,
    objective,
    bound: Math.round(answer.bound),
    gap: answer.bound > 0 ? Math.max(0, (answer.bound - answer.value) / answer.bound) : 0,
    solver: { path: answer.path, optimal: answer.optimal, milliseconds: Math.round(answer.milliseconds) },
    co2eKgAvoided: sites.reduce((sum, s) => sum + s.co2eKgAvoided, 0),
    existingOpenPlaces: openPlaces.length,
    assumptions: [
      `A site serves the communes whose centre is within ${radiusKm} km by road of it (straight line × ${DEFAULT_DETOUR_FACTOR}).`,
      `${Math.round(localShare * 100)} % of the commuters of a served commune work there ${daysPerWeek} day(s) a week, ${DEFAULT_WORKING_WEEKS} weeks a year, instead of driving to work; only commuters whose work is farther than the place count.`,
      'Existing open places are kept as built: a site counts only for what it adds to the nearest existing place.',
      'kg CO2e: the simulator\'s car factor (ADEME Impact CO2, petrol car, one occupant).',
    ],
  };
}

/** The simulator's kg CO2e per road km avoided by car (petrol, one occupant), for one reference trip. */
function carKgPerKm(): number {
  const reference = maillageSavings({ homeToWorkKm: 20, homeToPlaceKm: 0, mode: 'car', daysPerWeek: 1, currency: 'EUR' });
  return reference.co2eKgAvoided / reference.kmAvoided;
}

function explainSites(
  prepared: Prepared,
  chosen: readonly number[],
  localShare: number,
  daysPerWeek: number,
  demand: Demand,
): Omit<SiteFigures, 'pinned' | 'co2eKgAvoided' | 'staysChosen'>[] {
  const { instance, candidates, demandCommunes } = prepared;
  // Each demand commune goes to the chosen site that adds the most there (above existing places).
  const best = new Float64Array(instance.demandCount);
  const owner = new Int32Array(instance.demandCount).fill(-1);
  for (const j of chosen) {
    for (let e = instance.start[j]!; e < instance.start[j + 1]!; e++) {
      const i = instance.demand[e]!;
      if (instance.value[e]! > best[i]!) {
        best[i] = instance.value[e]!;
        owner[i] = j;
      }
    }
  }
  return chosen.map((j) => {
    const site = candidates[j]!;
    const catchment: SiteFigures['catchment'] = [];
    for (let i = 0; i < instance.demandCount; i++) {
      if (owner[i] !== j) continue;
      const home = demandCommunes[i]!;
      const groups = demand.get(home.code) ?? [];
      const placeKm = distanceKm(home, site);
      catchment.push({ code: home.code, name: home.name, workers: Math.round(yearlyKm(groups, placeKm, localShare, daysPerWeek).workers), kmAvoided: Math.round(best[i]!) });
    }
    catchment.sort((a, b) => b.kmAvoided - a.kmAvoided);
    return {
      code: site.code,
      name: site.name,
      population: site.population,
      catchment,
      workers: catchment.reduce((sum, c) => sum + c.workers, 0),
      kmAvoided: catchment.reduce((sum, c) => sum + c.kmAvoided, 0),
    };
  });
}

// ————— Saved scenarios —————

export interface ScenarioSummary {
  id: string;
  name: string;
  createdAt: string;
  result: SitingResult;
}

export async function saveScenario(
  ctx: { db: Db; actor: Actor },
  input: { organizationId?: string; name: string; request: SitingRequest; result: SitingResult },
): Promise<{ id: string }> {
  const user = sitingOrganization(ctx.actor, input.organizationId);
  const name = input.name.trim();
  if (name.length < 1 || name.length > 120) throw invalid('siting_scenario_name_invalid');
  const [row] = await ctx.db
    .insert(sitingScenarios)
    .values({ organizationId: user.organizationId, name, request: input.request, result: input.result, createdBy: user.userId })
    .returning({ id: sitingScenarios.id });
  return { id: row!.id };
}

export async function listScenarios(ctx: { db: Db; actor: Actor }, organizationId?: string): Promise<ScenarioSummary[]> {
  const user = sitingOrganization(ctx.actor, organizationId);
  const rows = await ctx.db
    .select()
    .from(sitingScenarios)
    .where(eq(sitingScenarios.organizationId, user.organizationId))
    .orderBy(desc(sitingScenarios.createdAt))
    .limit(50);
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), result: r.result as SitingResult }));
}

/** The default candidates of a territory: communes of 2,000+ inhabitants without an open place, largest first. */
export async function sitingCandidates(db: Db, kind: ObservatoryKind, code: string): Promise<{ code: string; name: string; population: number }[]> {
  const [territory, places] = await Promise.all([observatoryTerritory(db, kind, code), placeFacts(db)]);
  const withOpenPlace = new Set(places.filter((p) => p.status === 'open').map((p) => p.communeCode));
  return territory.communes
    .filter((c) => c.population >= CANDIDATE_MIN_POPULATION && !withOpenPlace.has(c.code))
    .sort((a, b) => b.population - a.population)
    .map((c) => ({ code: c.code, name: c.name, population: c.population }));
}

/** Reads the siting form: numbers as typed (a French decimal comma allowed), and a choice per candidate. */
export function sitingRequestOfForm(values: Record<string, string>, territory: { kind: ObservatoryKind; code: string }): SitingRequest & { organizationId?: string } {
  const number = (key: string, fallback: number): number => {
    const raw = (values[key] ?? '').trim().replace(',', '.');
    return raw === '' ? fallback : Number(raw);
  };
  const pinned: string[] = [];
  const excluded: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const code = /^choice-((\d{2}|2A|2B)\d{3})$/.exec(key)?.[1];
    if (!code) continue;
    if (value === 'pinned') pinned.push(code);
    else if (value === 'excluded') excluded.push(code);
  }
  return {
    territory,
    k: number('k', 1),
    radiusKm: number('radiusKm', DEFAULT_RADIUS_KM),
    localShare: number('localSharePercent', DEFAULT_LOCAL_SHARE * 100) / 100,
    daysPerWeek: number('daysPerWeek', DEFAULT_DAYS_PER_WEEK),
    pinned,
    excluded,
    ...(values.organizationId ? { organizationId: values.organizationId } : {}),
  };
}

// ————— Exports of a saved scenario —————

/** A saved scenario of the person's organization (a scenario of another organization is not found). */
export async function getScenario(ctx: { db: Db; actor: Actor }, id: string, organizationId?: string): Promise<ScenarioSummary> {
  const user = sitingOrganization(ctx.actor, organizationId);
  const rows = /^[0-9a-f-]{36}$/i.test(id)
    ? await ctx.db.select().from(sitingScenarios).where(and(eq(sitingScenarios.id, id), eq(sitingScenarios.organizationId, user.organizationId)))
    : [];
  const row = rows[0];
  if (!row) throw notFound('siting_scenario_not_found');
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), result: row.result as SitingResult };
}

export const SITES_CSV_COLUMNS = [
  'rang',
  'code_insee',
  'commune',
  'population',
  'impose',
  'actifs_servis',
  'km_evites_par_an',
  'kg_co2e_evites_par_an',
  'choisi_a_10_km',
  'choisi_a_15_km',
  'choisi_a_30_km',
  'communes_desservies',
  'source_des_flux',
] as const;

/** The sites of a result as CSV (text cells neutralised against spreadsheet formulas). */
export function sitesCsv(result: SitingResult): string {
  const stays = (site: SiteFigures, radius: number) => (site.staysChosen.find((s) => s.radiusKm === radius)?.chosen ? 'oui' : 'non');
  const lines = [
    SITES_CSV_COLUMNS.join(','),
    ...result.sites.map((site, i) =>
      [
        i + 1,
        site.code,
        site.name,
        site.population,
        site.pinned ? 'oui' : 'non',
        site.workers,
        site.kmAvoided,
        site.co2eKgAvoided,
        stays(site, 10),
        stays(site, 15),
        stays(site, 30),
        site.catchment.map((c) => c.code).join(' '),
        result.demand.description,
      ]
        .map((value) => csvCell(value))
        .join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The sites of a result as GeoJSON points at their communes' centres, with their figures. */
export async function sitesGeoJson(db: Db, result: SitingResult) {
  const centres = await communeCentres(db, result.sites.map((s) => s.code));
  return {
    type: 'FeatureCollection' as const,
    features: result.sites.flatMap((site, i) => {
      const centre = centres.get(site.code);
      if (!centre) return [];
      const { catchment, ...figures } = site;
      return [
        {
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [centre.lon, centre.lat] },
          properties: { rank: i + 1, ...figures, catchment: catchment.map((c) => c.code), demand: result.demand.source, objective: result.objective, gap: result.gap },
        },
      ];
    }),
  };
}
