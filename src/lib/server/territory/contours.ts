// Commune contours, for the observatory's choropleth: imported from a GeoJSON FeatureCollection whose features
// carry the INSEE code (IGN Admin Express, geo.api.gouv.fr `?geometry=contour`, OpenStreetMap exports…),
// checked row by row and taken whole or not at all. Each ring is simplified (Douglas–Peucker, about 50 m) and
// its coordinates rounded to 5 decimals (about 1 m): a département's contours weigh tens of kB, not megabytes.
import { sql } from 'drizzle-orm';
import { bulkInsert, queryRows, type Db } from '../db/index.ts';
import { invalid, type FieldIssue } from '../errors.ts';
import { communeContours } from './schema.ts';

/** Simplification tolerance in degrees (about 50 m of latitude). */
export const SIMPLIFY_DEGREES = 0.0005;
const DECIMALS = 1e5;
/** Property names that may hold the INSEE code, compared without case. */
const CODE_PROPERTIES = ['code', 'insee_com', 'code_insee', 'insee', 'codgeo', 'com', 'ref:insee'];
const INSEE_CODE = /^(\d{2}|2A|2B)\d{3}$/;

type Position = [number, number];
type Ring = Position[];
export type ContourGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface ContourImportReport {
  features: number;
  imported: number;
  /** Points before and after simplification. */
  pointsRead: number;
  pointsKept: number;
}

/** The features of a contours file, checked: one issue per bad feature (row = its position, from 1). */
export function parseContours(content: string): { code: string; geometry: ContourGeometry; row: number; points: number }[] {
  let collection: { type?: unknown; features?: unknown };
  try {
    collection = JSON.parse(content.replace(/^\uFEFF/, '')) as typeof collection;
  } catch {
    throw invalid('contours_file_malformed');
  }
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) throw invalid('contours_not_feature_collection');
  if (collection.features.length === 0) throw invalid('contours_file_empty');
  const issues: FieldIssue[] = [];
  const rows: ReturnType<typeof parseContours> = [];
  const seen = new Map<string, number>();
  collection.features.forEach((feature: unknown, index: number) => {
    const row = index + 1;
    const { properties, geometry } = (feature ?? {}) as { properties?: Record<string, unknown> | null; geometry?: { type?: unknown; coordinates?: unknown } | null };
    const code = codeOf(properties);
    if (!code) return void issues.push({ path: `features.${row}.properties`, message: 'contours_code_missing', params: { row } });
    const first = seen.get(code);
    if (first !== undefined) return void issues.push({ path: `features.${row}.properties`, message: 'contours_duplicate_code', params: { row, first, code } });
    seen.set(code, row);
    const polygons = geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? geometry.coordinates : null;
    if (!Array.isArray(polygons) || polygons.length === 0 || !polygons.every(isPolygon)) {
      return void issues.push({ path: `features.${row}.geometry`, message: 'contours_bad_geometry', params: { row, code } });
    }
    const points = (polygons as Ring[][]).reduce((sum, polygon) => sum + polygon.reduce((s, ring) => s + ring.length, 0), 0);
    const simplified = (polygons as Ring[][]).map((polygon) => polygon.map(simplifyRing));
    rows.push({
      code,
      row,
      points,
      geometry: simplified.length === 1 ? { type: 'Polygon', coordinates: simplified[0]! } : { type: 'MultiPolygon', coordinates: simplified },
    });
  });
  if (issues.length > 0) throw invalid('contours_invalid_rows', { count: issues.length }, issues);
  return rows;
}

function codeOf(properties: Record<string, unknown> | null | undefined): string | null {
  if (!properties || typeof properties !== 'object') return null;
  for (const [key, value] of Object.entries(properties)) {
    if (!CODE_PROPERTIES.includes(key.toLowerCase())) continue;
    const code = String(value ?? '').trim().toUpperCase();
    if (INSEE_CODE.test(code)) return code;
  }
  return null;
}

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
const isPolygon = (polygon: unknown): boolean =>
  Array.isArray(polygon) && polygon.length > 0 && polygon.every((ring) => Array.isArray(ring) && ring.length >= 4 && ring.every(isPosition));

/** A closed ring simplified (Douglas–Peucker) and rounded; a ring too small to simplify is kept, rounded. */
export function simplifyRing(ring: Ring): Ring {
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  // The ring is closed: split it at its farthest point from the start so that both halves are open lines.
  let far = 0;
  let farDistance = -1;
  ring.forEach((p, i) => {
    const d = (p[0] - ring[0]![0]) ** 2 + (p[1] - ring[0]![1]) ** 2;
    if (d > farDistance) [far, farDistance] = [i, d];
  });
  keep[far] = 1;
  const stack: [number, number][] = [[0, far], [far, ring.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    let worst = -1;
    let worstDistance = SIMPLIFY_DEGREES;
    for (let i = from + 1; i < to; i++) {
      const d = segmentDistance(ring[i]!, ring[from]!, ring[to]!);
      if (d > worstDistance) [worst, worstDistance] = [i, d];
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([from, worst], [worst, to]);
    }
  }
  const kept = ring.filter((_, i) => keep[i]);
  return (kept.length >= 4 ? kept : ring).map(([x, y]) => [Math.round(x * DECIMALS) / DECIMALS, Math.round(y * DECIMALS) / DECIMALS] as Position);
}

function segmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/**
 * Imports contours: every feature must name a commune we know (else its row is reported), and then all are
 * written in one transaction, replacing the contours of those communes; importing the same file again
 * changes nothing but the date.
 */
export async function importContours(db: Db, content: string, options: { fileName: string; synthetic?: boolean }): Promise<ContourImportReport> {
  const rows = parseContours(content);
  const known = await queryRows<{ code: string }>(
    db,
    sql`select code from communes where code in (select value from json_array_elements_text(${JSON.stringify(rows.map((r) => r.code))}::json))`,
  );
  const knownCodes = new Set(known.map((r) => r.code));
  const unknown = rows.filter((r) => !knownCodes.has(r.code));
  if (unknown.length > 0) {
    throw invalid(
      'contours_invalid_rows',
      { count: unknown.length },
      unknown.map((r) => ({ path: `features.${r.row}.properties`, message: 'contours_unknown_code', params: { row: r.row, code: r.code } })),
    );
  }
  const source = options.fileName.slice(0, 200);
  await db.transaction(async (tx) => {
    await bulkInsert(
      tx,
      communeContours,
      rows.map((r) => ({ code: r.code, geometry: r.geometry, source, synthetic: options.synthetic ?? false, importedAt: new Date() })),
      { batch: 500, onConflict: sql`on conflict (code) do update set geometry = excluded.geometry, source = excluded.source, synthetic = excluded.synthetic, imported_at = excluded.imported_at` },
    );
  });
  return {
    features: rows.length,
    imported: rows.length,
    pointsRead: rows.reduce((sum, r) => sum + r.points, 0),
    pointsKept: rows.reduce((sum, r) => sum + (r.geometry.type === 'Polygon' ? r.geometry.coordinates.flat(1) : r.geometry.coordinates.flat(2)).length, 0),
  };
}

export interface ContourCoverage {
  /** Communes of the list whose contours are loaded. */
  loaded: number;
  /** Whether any of them is synthetic (the demo's cells), to be said wherever they are drawn. */
  synthetic: boolean;
  /** The files they came from. */
  sources: string[];
}

const inList = (codes: readonly string[]) => sql`(select value from json_array_elements_text(${JSON.stringify(codes)}::json))`;

export async function contourCoverage(db: Db, codes: readonly string[]): Promise<ContourCoverage> {
  const [row] = await queryRows<{ loaded: number; synthetic: boolean | null; sources: string[] | null }>(
    db,
    sql`select count(*)::int as loaded, bool_or(synthetic) as synthetic, array_agg(distinct source) as sources
        from commune_contours where code in ${inList(codes)}`,
  );
  return { loaded: Number(row?.loaded ?? 0), synthetic: row?.synthetic ?? false, sources: row?.sources?.filter(Boolean) ?? [] };
}

/** The contours of the given communes, by code. */
export async function contoursOf(db: Db, codes: readonly string[]): Promise<Map<string, ContourGeometry>> {
  const rows = await queryRows<{ code: string; geometry: ContourGeometry | string }>(
    db,
    sql`select code, geometry from commune_contours where code in ${inList(codes)}`,
  );
  return new Map(rows.map((r) => [r.code, typeof r.geometry === 'string' ? (JSON.parse(r.geometry) as ContourGeometry) : r.geometry]));
}
