import { foldName } from './search-name.ts';
import type { CoordinatesSource, CommuneKind } from './schema.ts';
import type { CogCommune, GeoNamesCity, TerritorySources } from './sources.ts';

export interface CommuneRow {
  code: string;
  name: string;
  kind: CommuneKind;
  parentCode: string | null;
  departementCode: string;
  regionCode: string;
  epciSiren: string | null;
  population: number;
  postalCodes: string[];
  lat: number;
  lon: number;
  coordinatesSource: CoordinatesSource;
  searchName: string;
}

export interface TerritoryRows {
  regions: { code: string; name: string }[];
  departements: { code: string; name: string; regionCode: string }[];
  epcis: { siren: string; name: string; kind: string; population: number; searchName: string }[];
  communes: CommuneRow[];
  postalCodes: { postalCode: string; communeCode: string }[];
}

/** Metropolitan France and the overseas departments; the overseas collectivities are out of scope. */
const ZONES = new Set(['metro', 'drom']);

/** Arrondissement names in GeoNames ("Marseille 01", "Paris 12 …") → INSEE code of the arrondissement. */
const ARRONDISSEMENT_BASES: Record<string, (n: number) => string> = {
  paris: (n) => `751${String(n).padStart(2, '0')}`,
  lyon: (n) => `6938${n}`,
  marseille: (n) => `132${String(n).padStart(2, '0')}`,
};

interface Candidate {
  lat: number;
  lon: number;
  rank: number;
  population: number;
}

/** Lower rank wins: the stronger the evidence that a GeoNames point is this commune's centre. */
const RANK = {
  codeAndName: 0,
  codeAdminSeat: 1,
  code: 2,
  arrondissementName: 2,
  formerCode: 3,
  nameInDepartement: 4,
  formerNameInDepartement: 5,
  codeSection: 6,
} as const;

const INSEE_CODE = /^(\d{2}|2A|2B)\d{3}$/;

/** GeoNames keeps the INSEE code in admin4 (muniSub); for Mayotte it sits in adminCode instead. */
function inseeCodeOf(city: GeoNamesCity): string | undefined {
  if (city.muniSub && INSEE_CODE.test(city.muniSub)) return city.muniSub;
  return INSEE_CODE.test(city.adminCode) ? city.adminCode : undefined;
}

function departementOfCode(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

export function buildTerritory(sources: TerritorySources): TerritoryRows {
  const current = sources.communes.filter(
    (c) => (c.type === 'commune-actuelle' && ZONES.has(c.zone ?? '')) || c.type === 'arrondissement-municipal',
  );
  const byCode = new Map(current.map((c) => [c.code, c]));
  const former = sources.communes.filter(
    (c) => (c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu && byCode.has(c.chefLieu),
  );
  const formerToCurrent = new Map(former.map((c) => [c.code, c.chefLieu!]));

  const epciOf = new Map<string, string>();
  for (const epci of sources.epcis) for (const member of epci.membres) epciOf.set(member.code, epci.code);

  const candidates = collectCandidates(sources.cities, current, former, byCode, formerToCurrent);
  const officialCentres = new Map(sources.officialCentres.map((c) => [c.code, c.centre.coordinates]));

  const communes: CommuneRow[] = current.map((c) => {
    // The official centre first; GeoNames only for what the official file lacks (the arrondissements).
    const official = officialCentres.get(c.code);
    const best = official ? { lon: official[0], lat: official[1] } : candidates.get(c.code);
    return {
      code: c.code,
      name: c.nom,
      kind: c.type === 'arrondissement-municipal' ? 'arrondissement' : 'commune',
      parentCode: c.type === 'arrondissement-municipal' ? (c.commune ?? null) : null,
      departementCode: c.departement ?? departementOfCode(c.code),
      regionCode: c.region ?? '',
      epciSiren: epciOf.get(c.type === 'arrondissement-municipal' ? (c.commune ?? '') : c.code) ?? null,
      population: c.population ?? 0,
      postalCodes: [...new Set(c.codesPostaux ?? [])].sort(),
      lat: best?.lat ?? Number.NaN,
      lon: best?.lon ?? Number.NaN,
      coordinatesSource: official ? 'official' : best ? 'geonames' : 'estimated',
      searchName: foldName(c.nom),
    };
  });

  const postalCodes = communes.flatMap((c) => c.postalCodes.map((postalCode) => ({ postalCode, communeCode: c.code })));
  estimateMissingCoordinates(communes);

  const usedDepartements = new Set(communes.map((c) => c.departementCode));
  const departements = sources.departements
    .filter((d) => usedDepartements.has(d.code))
    .map((d) => ({ code: d.code, name: d.nom, regionCode: d.region }));
  const usedRegions = new Set(departements.map((d) => d.regionCode));
  return {
    regions: sources.regions.filter((r) => usedRegions.has(r.code)).map((r) => ({ code: r.code, name: r.nom })),
    departements,
    epcis: sources.epcis.map((e) => ({
      siren: e.code,
      name: e.nom,
      kind: e.type,
      population: e.populationTotale,
      searchName: foldName(e.nom),
    })),
    communes,
    postalCodes,
  };
}

function collectCandidates(
  cities: GeoNamesCity[],
  current: CogCommune[],
  former: CogCommune[],
  byCode: Map<string, CogCommune>,
  formerToCurrent: Map<string, string>,
): Map<string, Candidate> {
  const best = new Map<string, Candidate>();
  const offer = (code: string, city: GeoNamesCity, rank: number) => {
    const [lon, lat] = city.loc.coordinates;
    const held = best.get(code);
    if (!held || rank < held.rank || (rank === held.rank && city.population > held.population)) {
      best.set(code, { lat, lon, rank, population: city.population });
    }
  };

  const byNameInDepartement = new Map<string, string>();
  for (const c of current) if (c.departement) byNameInDepartement.set(`${c.departement}|${foldName(c.nom)}`, c.code);
  const formerByNameInDepartement = new Map<string, string>();
  for (const c of former) {
    if (c.departement) formerByNameInDepartement.set(`${c.departement}|${foldName(c.nom)}`, c.chefLieu!);
  }

  for (const city of cities) {
    const folded = foldName(city.name);
    const arrondissement = /^(paris|lyon|marseille) 0?(\d{1,2})\b/.exec(folded);
    if (arrondissement) {
      const code = ARRONDISSEMENT_BASES[arrondissement[1]!]!(Number(arrondissement[2]));
      if (byCode.has(code)) {
        offer(code, city, RANK.arrondissementName);
        continue;
      }
    }
    const code = inseeCodeOf(city);
    const commune = code ? byCode.get(code) : undefined;
    if (code && commune) {
      const seat = /^PPL(A\d?|C)$/.test(city.featureCode);
      const rank =
        folded === foldName(commune.nom)
          ? RANK.codeAndName
          : seat
            ? RANK.codeAdminSeat
            : city.featureCode === 'PPLX'
              ? RANK.codeSection
              : RANK.code;
      offer(code, city, rank);
      continue;
    }
    if (code && formerToCurrent.has(code)) {
      offer(formerToCurrent.get(code)!, city, RANK.formerCode);
      continue;
    }
    const departement = code ? departementOfCode(code) : undefined;
    if (!departement) continue;
    const byName = byNameInDepartement.get(`${departement}|${folded}`);
    if (byName) {
      offer(byName, city, RANK.nameInDepartement);
      continue;
    }
    const byFormerName = formerByNameInDepartement.get(`${departement}|${folded}`);
    if (byFormerName) offer(byFormerName, city, RANK.formerNameInDepartement);
  }
  return best;
}

/**
 * Should a commune have neither an official centre nor a GeoNames point, it takes the mean position of the located
 * communes that share one of their postal codes (La Poste's delivery areas are small and compact),
 * preferring those of the same EPCI, else of their EPCI, else of their département.
 */
function estimateMissingCoordinates(communes: CommuneRow[]) {
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const located = (c: CommuneRow | undefined): boolean => c?.coordinatesSource === 'official' || c?.coordinatesSource === 'geonames';

  const group = (keyOf: (c: CommuneRow) => string[]) => {
    const members = new Map<string, CommuneRow[]>();
    for (const c of communes) {
      if (!located(c)) continue;
      for (const key of keyOf(c)) members.set(key, [...(members.get(key) ?? []), c]);
    }
    return members;
  };
  const byPostalCode = group((c) => c.postalCodes);
  const byEpci = group((c) => (c.epciSiren ? [c.epciSiren] : []));
  const byDepartement = group((c) => [c.departementCode]);

  for (const commune of communes) {
    if (located(commune)) continue;
    const samePostalCode = unique(commune.postalCodes.flatMap((pc) => byPostalCode.get(pc) ?? []));
    // Sharing a postal code and an EPCI is the closest tie; then either one.
    const neighbours =
      nonEmpty(samePostalCode.filter((n) => n.epciSiren === commune.epciSiren)) ??
      nonEmpty(samePostalCode) ??
      nonEmpty(commune.parentCode && located(byCode.get(commune.parentCode)) ? [byCode.get(commune.parentCode)!] : []) ??
      nonEmpty(commune.epciSiren ? (byEpci.get(commune.epciSiren) ?? []) : []) ??
      byDepartement.get(commune.departementCode) ??
      [];
    if (neighbours.length === 0) throw new Error(`No located neighbour to estimate commune ${commune.code}`);
    commune.lat = mean(neighbours.map((n) => n.lat));
    commune.lon = mean(neighbours.map((n) => n.lon));
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
