import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { invalid, type FieldIssue } from '../errors.ts';
import { isValidLatLon } from '../geo/index.ts';
import { vacuumTerritory } from './load.ts';

export interface CentroidRow {
  /** 1-based position in the file: the array index for JSON, the line number for CSV. */
  row: number;
  code: string;
  lat: number;
  lon: number;
}

export interface CentroidImportReport {
  format: 'geoapi-json' | 'csv';
  rows: number;
  updated: number;
  unchanged: number;
  unknownCodes: string[];
}

const INSEE_CODE = /^(\d{2}|2A|2B)\d{3}$/;

/**
 * Reads an official centroid file: the geo.api.gouv.fr JSON (`[{code, nom, centre: {coordinates: [lon, lat]}}]`)
 * or the data.gouv.fr CSV (`code_insee`, `latitude_centre`, `longitude_centre`; `;` or `,`; with or without BOM).
 * Throws one `invalid` error listing every bad row: a file is taken whole or not at all.
 */
export function parseCentroidFile(content: string): { format: CentroidImportReport['format']; rows: CentroidRow[] } {
  const text = content.replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  const issues: FieldIssue[] = [];
  const rows: CentroidRow[] = [];
  const accept = (row: number, code: unknown, lat: unknown, lon: unknown) => {
    const codeText = typeof code === 'string' ? code.trim() : '';
    const latNumber = toNumber(lat);
    const lonNumber = toNumber(lon);
    if (!INSEE_CODE.test(codeText)) issues.push({ path: `rows.${row}.code`, message: 'centroid_bad_code', params: { row } });
    else if (!isValidLatLon(latNumber, lonNumber)) {
      issues.push({ path: `rows.${row}.centre`, message: 'centroid_bad_coordinates', params: { row } });
    } else rows.push({ row, code: codeText, lat: latNumber, lon: lonNumber });
  };

  let format: CentroidImportReport['format'];
  if (trimmed.startsWith('[')) {
    format = 'geoapi-json';
    let items: unknown;
    try {
      items = JSON.parse(trimmed);
    } catch {
      throw invalid('centroid_file_malformed');
    }
    (items as unknown[]).forEach((item, index) => {
      const entry = (item ?? {}) as { code?: unknown; centre?: { coordinates?: unknown } };
      const coordinates = Array.isArray(entry.centre?.coordinates) ? entry.centre.coordinates : [];
      accept(index + 1, entry.code, coordinates[1], coordinates[0]);
    });
  } else {
    format = 'csv';
    const firstLine = trimmed.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    let records: Record<string, string>[];
    try {
      records = parseCsv(trimmed, { columns: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: true });
    } catch {
      throw invalid('centroid_file_malformed');
    }
    const header = records[0] ? Object.keys(records[0]) : [];
    if (!['code_insee', 'latitude_centre', 'longitude_centre'].every((column) => header.includes(column))) {
      throw invalid('centroid_file_unrecognised');
    }
    // Line numbers count the header as line 1.
    records.forEach((record, index) => accept(index + 2, record.code_insee, record.latitude_centre, record.longitude_centre));
  }

  const seen = new Map<string, number>();
  for (const row of rows) {
    const first = seen.get(row.code);
    if (first !== undefined) issues.push({ path: `rows.${row.row}.code`, message: 'centroid_duplicate_code', params: { row: row.row, first } });
    else seen.set(row.code, row.row);
  }
  if (rows.length === 0 && issues.length === 0) throw invalid('centroid_file_empty');
  if (issues.length > 0) throw invalid('centroid_file_invalid_rows', { count: issues.length }, issues);
  return { format, rows };
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return Number.NaN;
  return Number(value.trim().replace(',', '.'));
}

/**
 * Sets the official centre of every listed commune, in one transaction. Running it twice changes nothing
 * the second time. Codes we do not know (a commune merged since the file was made) are reported, not fatal.
 */
export async function importCentroids(db: Db, content: string): Promise<CentroidImportReport> {
  const { format, rows } = parseCentroidFile(content);
  const json = JSON.stringify(rows.map(({ code, lat, lon }) => ({ code, lat, lon })));
  const source = sql`json_to_recordset(${json}::json) as v(code text, lat double precision, lon double precision)`;
  const report = await db.transaction(async (tx) => {
    const unknown = await queryRows<{ code: string }>(
      tx,
      sql`select v.code from ${source} where not exists (select 1 from communes c where c.code = v.code) order by v.code`,
    );
    const updated = await queryRows<{ code: string }>(
      tx,
      sql`update communes c set lat = v.lat, lon = v.lon, coordinates_source = 'imported'
          from ${source}
          where c.code = v.code and (c.lat, c.lon, c.coordinates_source) is distinct from (v.lat, v.lon, 'imported')
          returning c.code`,
    );
    const unknownCodes = unknown.map((r) => r.code);
    return {
      format,
      rows: rows.length,
      updated: updated.length,
      unchanged: rows.length - updated.length - unknownCodes.length,
      unknownCodes,
    };
  });
  if (report.updated > 0) await vacuumTerritory(db);
  return report;
}
