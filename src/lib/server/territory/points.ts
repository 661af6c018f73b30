import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { notFound } from '../errors.ts';

/** A commune as the observatory and the siting solver count it: where it is and how many live there. */
export interface CommunePoint {
  code: string;
  name: string;
  population: number;
  lat: number;
  lon: number;
  epci: string | null;
  departement: string;
  region: string;
}

export type TerritoryKind = 'commune' | 'epci' | 'departement' | 'region';

export interface TerritoryCommunes {
  kind: TerritoryKind;
  code: string;
  name: string;
  communes: CommunePoint[];
}

const COLUMNS = sql`code, name, population, lat, lon, epci_siren, departement_code, region_code`;

interface PointRecord {
  code: string;
  name: string;
  population: number;
  lat: number;
  lon: number;
  epci_siren: string | null;
  departement_code: string;
  region_code: string;
}

const pointOf = (r: PointRecord): CommunePoint => ({
  code: r.code,
  name: r.name,
  population: Number(r.population),
  lat: Number(r.lat),
  lon: Number(r.lon),
  epci: r.epci_siren,
  departement: r.departement_code,
  region: r.region_code,
});

/** Every commune of France (arrondissements left out: their commune stands for them), by code. */
export async function allCommunePoints(db: Db): Promise<CommunePoint[]> {
  return (await queryRows<PointRecord>(db, sql`select ${COLUMNS} from communes where kind = 'commune' order by code`)).map(pointOf);
}

/** A commune, an EPCI, a département or a région, with its communes (404 when the code is unknown). */
export async function territoryCommunes(db: Db, kind: TerritoryKind, code: string): Promise<TerritoryCommunes> {
  const named =
    kind === 'commune'
      ? sql`select name from communes where code = ${code} and kind = 'commune'`
      : kind === 'epci'
        ? sql`select name from epcis where siren = ${code}`
        : kind === 'departement'
          ? sql`select name from departements where code = ${code}`
          : sql`select name from regions where code = ${code}`;
  const where =
    kind === 'commune'
      ? sql`code = ${code}`
      : kind === 'epci'
        ? sql`epci_siren = ${code}`
        : kind === 'departement'
          ? sql`departement_code = ${code}`
          : sql`region_code = ${code}`;
  const [[row], communes] = await Promise.all([
    queryRows<{ name: string }>(db, named),
    queryRows<PointRecord>(db, sql`select ${COLUMNS} from communes where kind = 'commune' and ${where} order by code`),
  ]);
  if (!row) throw notFound(`${kind}_not_found`, { code: code.slice(0, 20) });
  return { kind, code, name: row.name, communes: communes.map(pointOf) };
}

/** Every INSEE code known, communes and arrondissements of Paris, Lyon and Marseille. */
export async function knownCommuneCodes(db: Db): Promise<Set<string>> {
  return new Set((await queryRows<{ code: string }>(db, sql`select code from communes`)).map((r) => r.code));
}

/** Centres of the given communes (arrondissements included), by code. */
export async function communeCentres(db: Db, codes: readonly string[]): Promise<Map<string, { lat: number; lon: number }>> {
  const rows = await queryRows<{ code: string; lat: number; lon: number }>(
    db,
    sql`select code, lat, lon from communes where code in (select value from json_array_elements_text(${JSON.stringify(codes)}::json))`,
  );
  return new Map(rows.map((r) => [r.code, { lat: Number(r.lat), lon: Number(r.lon) }]));
}

/** The given communes (arrondissements left out), by code order; unknown codes are skipped. */
export async function communePointsOf(db: Db, codes: readonly string[]): Promise<CommunePoint[]> {
  const rows = await queryRows<PointRecord>(
    db,
    sql`select ${COLUMNS} from communes where kind = 'commune' and code in (select value from json_array_elements_text(${JSON.stringify(codes)}::json)) order by code`,
  );
  return rows.map(pointOf);
}
