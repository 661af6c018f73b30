import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { invalid, type FieldIssue } from '../errors.ts';
import {
  columnOfField,
  diffFields,
  PLACE_FIELD_NAMES,
  placeField,
  PlacePatch,
  PRICE_FIELDS,
  PriceValue,
  slugify,
  UUID_PATTERN,
  zodIssues,
  type PLACE_FIELDS,
  type PlaceFieldName,
  type PlaceFields,
  type PriceField,
} from './model.ts';
import { toCents } from '../../money.ts';
import { csvCell, FORMULA_START } from '../csv-cell.ts';
import { fieldsOfRecord, isoTime, loadCommunes, PLACE_COLUMNS, updateAssignments, type PlaceRecord } from './queries.ts';
import { placeHistory, places } from './schema.ts';
import { listPlaceRecords } from './exports.ts';
import type { PlaceSearch } from './search.ts';
import { completeFields, derivedColumns, freeSlug, rowOfFields, type PlacePriceFigures } from './writes.ts';

/**
 * The places as CSV (RFC 4180: `,` separated, `"` quoted, CRLF line ends; UTF-8 with a byte-order mark
 * so that spreadsheets read the accents). Columns follow the French *médiation numérique* data schema
 * where it has the field, then ours (see README.md in this folder). Licence Ouverte 2.0.
 *
 * Lists inside a cell (`services`, `langues`) are separated by `|`, as in that schema; prices are in
 * euros with a `.` decimal point; dates are `YYYY-MM-DD`; an empty cell is an unknown value.
 */
const PUBLISHED_COLUMNS = [
  // Médiation numérique schema
  'id',
  'nom',
  'adresse',
  'code_insee',
  'commune',
  'code_postal',
  'latitude',
  'longitude',
  'horaires',
  'services',
  'typologie',
  'presentation_resume',
  'courriels',
  'telephone',
  'site_web',
  'date_maj',
  // Maillage
  'slug',
  'presentation_resume_en',
  'coordonnees_exactes',
  'postes',
  'surface_m2',
  'debit_mbps',
  'prix_jour',
  'prix_demi_journee',
  'prix_mois',
  'prix_carnet_10',
  'statut',
  'type_operateur',
  'nom_operateur',
  'date_ouverture',
  'langues',
] as const;

/** Each exported field with its column (`PLACE_FIELDS`). */
const CSV_FIELDS = PLACE_FIELD_NAMES.flatMap((field) => {
  const column = placeField(field).csv;
  return column === null ? [] : [{ field, column: column as CsvColumn }];
});

export type CsvColumn = (typeof PUBLISHED_COLUMNS)[number] | NonNullable<(typeof PLACE_FIELDS)[PlaceFieldName]['csv']>;
/** The published columns in their order, then the column of any field added since: readers that go by position keep working. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  ...PUBLISHED_COLUMNS,
  ...CSV_FIELDS.map(({ column }) => column).filter((column) => !(PUBLISHED_COLUMNS as readonly string[]).includes(column)),
];

/** Written for information, ignored when read back: the commune's name and postal code follow `code_insee`, `date_maj` the last change. */
export const CSV_DERIVED_COLUMNS: readonly CsvColumn[] = ['commune', 'code_postal', 'date_maj'];
export const CSV_REQUIRED_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.filter((c) => !CSV_DERIVED_COLUMNS.includes(c));

export const CSV_LICENCE = 'Licence Ouverte 2.0 (Etalab)';
export const CSV_LICENCE_URL = 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/';
export const MAX_IMPORT_ROWS = 50_000;

const COLUMN_OF_FIELD = Object.fromEntries(CSV_FIELDS.map(({ field, column }) => [field, column])) as Record<string, CsvColumn>;

// ————— Writing —————

const cell = (value: unknown) => csvCell(value);

function csvRowOf(record: PlaceRecord, commune: { name: string; postalCodes: string[] }): string[] {
  const f = fieldsOfRecord(record);
  const values: Partial<Record<CsvColumn, unknown>> = {
    id: record.id,
    commune: commune.name,
    code_postal: commune.postalCodes[0] ?? null,
    date_maj: isoTime(record.updated_at).slice(0, 10),
  };
  for (const { field, column } of CSV_FIELDS) values[column] = f[field];
  return CSV_COLUMNS.map((column) => csvCell(values[column]));
}

/** The places matching the filters as a CSV file (text starting with a BOM). */
export async function placesCsv(db: Db, search: PlaceSearch = {}): Promise<string> {
  const rows = await listPlaceRecords(db, search);
  const lines = [CSV_COLUMNS.join(','), ...rows.map(({ record, commune }) => csvRowOf(record, commune).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ————— Reading —————

export type PlaceImportOutcome = 'created' | 'updated' | 'unchanged' | 'error';

export interface PlaceImportRow {
  /** 1-based data row (the header is not counted). */
  row: number;
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
  id: string | null;
  slug: string | null;
  /** For a file with errors, what would have happened to each valid row. */
  outcome: PlaceImportOutcome;
  /** For `updated`: the fields that change. */
  changedFields?: (keyof PlaceFields)[];
  /** For `error`: each problem, `path` naming the CSV column, `message` a catalogue key. */
  errors?: FieldIssue[];
}

export interface PlaceImportReport {
  /** false when any row is invalid (then nothing was written) or for a dry run. */
  applied: boolean;
  dryRun: boolean;
  rows: PlaceImportRow[];
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
}

/** Text of the file: UTF-8 (with or without BOM) or nothing. A string already decoded must hold no U+FFFD. */
function decodeCsv(input: string | Uint8Array): string {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw invalid('place_csv_encoding');
    }
  }
  // A file decoded with replacement characters was not UTF-8 (or was damaged).
  if (text.includes('\uFFFD')) throw invalid('place_csv_encoding');
  return text.replace(/^\uFEFF/, '');
}

interface ParsedRow {
  row: number;
  line: number;
  record: Record<string, string>;
}

function parseRows(text: string): ParsedRow[] {
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parseCsv(text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      info: true,
      skip_empty_lines: true,
      relax_quotes: false,
    }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw invalid('place_csv_malformed', { line: line ?? 0 });
  }
  const header = text.slice(0, Math.max(0, text.search(/\r?\n/))) || text;
  const columns = new Set(parseCsv(header, { to_line: 1 })[0]?.map((name: string) => name.trim().toLowerCase()) ?? []);
  const missing = CSV_REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) throw invalid('place_csv_columns_missing', { columns: missing.join(', '), count: missing.length });
  if (parsed.length === 0) throw invalid('place_csv_empty');
  if (parsed.length > MAX_IMPORT_ROWS) throw invalid('place_csv_too_many_rows', { max: MAX_IMPORT_ROWS });
  let previousLine = 1;
  return parsed.map(({ record, info }, index) => {
    const cells = Object.fromEntries(Object.entries(record).map(([column, value]) => [column, restoreCell(value)]));
    const row = { row: index + 1, line: previousLine + 1, record: cells };
    previousLine = info.lines;
    return row;
  });
}

/** A cell as written before `csvCell` neutralised it: `'=1+1` reads `=1+1`, `'abc` stays as it is. */
const restoreCell = (value: string) => (value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value);

const blank = (value: string | undefined) => value === undefined || value.trim() === '';
const numberOrNull = (value: string | undefined) => (blank(value) ? null : Number(value!.trim().replace(',', '.')));
const listOf = (value: string | undefined) =>
  blank(value)
    ? []
    : value!
        .split('|')
        .map((item) => item.trim())
        .filter(Boolean);

/** `oui`, `non` and their like as a boolean; empty: not given; anything else as written. */
function booleanOf(value: string | undefined): boolean | string | undefined {
  if (blank(value)) return undefined;
  const v = value!.trim().toLowerCase();
  if (['true', 'oui', 'yes', '1'].includes(v)) return true;
  if (['false', 'non', 'no', '0'].includes(v)) return false;
  return value;
}

/**
 * A CSV record as a place patch (every field given: an empty cell clears the field, or gives its column's
 * default, `open` for `statut`), its prices, and the issues found reading it. A cell the field's contract
 * refuses is passed on as read, for the contract to say so under its column.
 */
function patchOfRecord(r: Record<string, string>): { input: Record<string, unknown>; prices: Partial<PlacePriceFigures>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const input: Record<string, unknown> = {};
  for (const { field, column } of CSV_FIELDS) {
    const { contract, blankClears } = placeField(field);
    if (contract === null) continue;
    const value = r[column];
    const { dataType, default: byDefault } = places[columnOfField(field)];
    if (dataType === 'number') input[field] = numberOrNull(value);
    else if (dataType === 'array') input[field] = listOf(value);
    else if (dataType === 'boolean') input[field] = booleanOf(value);
    else if (!blank(value)) input[field] = value!.trim();
    else input[field] = blankClears ? null : (byDefault ?? '');
  }
  // Prices are the place's offers: a price cell sets the offer of its kind (an empty cell leaves the offers).
  const prices: Partial<PlacePriceFigures> = {};
  for (const [column, key] of PRICE_COLUMNS) {
    const value = numberOrNull(r[column]);
    if (value === null) continue;
    const parsed = PriceValue.safeParse(value);
    if (parsed.success && parsed.data !== null) prices[key] = toCents(parsed.data);
    else issues.push({ path: column, message: 'place_price_invalid' });
  }
  return { input, prices, issues };
}

/** The price columns, and the directory figure (in cents) each sets through the place's offers. */
const PRICE_COLUMNS = CSV_FIELDS.flatMap(({ field, column }) =>
  placeField(field).contract === null ? [[column, columnOfField(field) as keyof PlacePriceFigures] as const] : [],
);
const FIELD_OF_FIGURE = Object.fromEntries(PRICE_FIELDS.map((field) => [columnOfField(field), field])) as Record<keyof PlacePriceFigures, PriceField>;

/** The figures a row changes: those given that differ from the place's (all given, for a new place). */
function changedPrices(prices: Partial<PlacePriceFigures>, before: PlaceFields | undefined): Partial<PlacePriceFigures> {
  return Object.fromEntries(
    Object.entries(prices).filter(([key, cents]) => !before || toCents(before[FIELD_OF_FIGURE[key as keyof PlacePriceFigures]]) !== cents),
  ) as Partial<PlacePriceFigures>;
}

const columnPath = (issue: FieldIssue): FieldIssue => {
  const [field, ...rest] = issue.path.split('.');
  return { ...issue, path: [COLUMN_OF_FIELD[field ?? ''] ?? field, ...rest].filter(Boolean).join('.') };
};

interface PlannedRow extends PlaceImportRow {
  fields?: PlaceFields;
  /** Figures the row changes, set through the place's offers. */
  prices?: Partial<PlacePriceFigures>;
  before?: PlaceFields;
  regionName?: string;
  communeName?: string;
}

export interface PlaceImportOptions {
  /** Check and report without writing. */
  dryRun?: boolean;
  /** Recorded in the history of each created or changed place. */
  changedBy?: string;
  /**
   * Sets a place's prices through its offers, in the import's transaction (the booking domain's
   * `setPlacePriceList`, passed by whoever imports: the directory does not sell). Without it, a row whose price
   * cells would change a place's prices is refused (`place_import_prices_need_offers`).
   */
  setPrices?: (tx: Db, placeId: string, prices: Partial<PlacePriceFigures>, changedBy: string) => Promise<void>;
}

/**
 * Reads back a CSV written by `placesCsv` (or by hand with the same columns) in one transaction.
 * A row is matched on `id` (an unknown id creates the place with that id); without an id, on `slug`,
 * or on the slug its name would get when that place is in the same commune. Every row is checked
 * first: if any is invalid, or the file is not UTF-8, lacks a column or repeats an id, nothing is written.
 */
export async function importPlacesCsv(db: Db, input: string | Uint8Array, options: PlaceImportOptions = {}): Promise<PlaceImportReport> {
  const rows = parseRows(decodeCsv(input));
  const dryRun = options.dryRun ?? false;
  return db.transaction(async (tx) => {
    const planned = await planImport(tx, rows, options.setPrices !== undefined);
    const report: PlaceImportReport = {
      applied: false,
      dryRun,
      rows: planned.map(({ fields: _f, before: _b, regionName: _r, communeName: _c, prices: _p, ...row }) => row),
      created: planned.filter((r) => r.outcome === 'created').length,
      updated: planned.filter((r) => r.outcome === 'updated').length,
      unchanged: planned.filter((r) => r.outcome === 'unchanged').length,
      errors: planned.filter((r) => r.outcome === 'error').length,
    };
    if (report.errors > 0 || dryRun) return report;
    const changedBy = options.changedBy ?? 'import';
    for (const row of planned) {
      if (row.outcome !== 'created' && row.outcome !== 'updated') continue;
      const fields = row.fields!;
      const values = rowOfFields(fields, derivedColumns(fields, { name: row.communeName!, regionName: row.regionName! }));
      const changes = diffFields(row.before ?? null, fields);
      if (row.outcome === 'created') {
        await tx.insert(places).values({ id: row.id!, ...values });
      } else if (Object.keys(changes).length > 0) {
        await tx.execute(sql`update places set ${updateAssignments(values)}, updated_at = now() where id = ${row.id}::uuid`);
      }
      if (row.outcome === 'created' || Object.keys(changes).length > 0) {
        await tx.insert(placeHistory).values({ placeId: row.id!, changedBy, changes: changes as Record<string, { from: unknown; to: unknown }> });
      }
      // The prices go to the place's offers, which write the figures back (and record them in its history).
      if (row.prices && Object.keys(row.prices).length > 0) await options.setPrices!(tx, row.id!, row.prices, changedBy);
    }
    report.applied = true;
    return report;
  });
}

async function planImport(db: Db, rows: ParsedRow[], canSetPrices: boolean): Promise<PlannedRow[]> {
  const ids = rows.map((r) => r.record.id?.trim().toLowerCase() ?? '').filter((id) => UUID_PATTERN.test(id));
  const givenSlugs = rows.map((r) => r.record.slug?.trim().toLowerCase() ?? '').filter(Boolean);
  const nameSlugs = rows.map((r) => slugify(r.record.nom ?? ''));
  const existing = await queryRows<PlaceRecord>(
    db,
    sql`select ${PLACE_COLUMNS} from places p
        where p.id::text in (select value from json_array_elements_text(${JSON.stringify(ids)}::json))
           or p.slug in (select value from json_array_elements_text(${JSON.stringify([...givenSlugs, ...nameSlugs])}::json))`,
  );
  const byId = new Map(existing.map((r) => [r.id, r]));
  const bySlug = new Map(existing.map((r) => [r.slug, r]));
  const communes = await loadCommunes(
    db,
    rows.map((r) => (r.record.code_insee ?? '').trim().toUpperCase()),
  );

  const firstRowOfId = new Map<string, number>();
  const firstRowOfSlug = new Map<string, number>();
  const reservedSlugs = new Set<string>();
  const planned: PlannedRow[] = [];

  for (const { row, line, record } of rows) {
    const { input, prices, issues } = patchOfRecord(record);
    const rawId = record.id?.trim().toLowerCase() ?? '';
    const result: PlannedRow = { row, line, id: null, slug: null, outcome: 'error' };
    if (rawId !== '' && !UUID_PATTERN.test(rawId)) issues.push({ path: 'id', message: 'place_import_id_invalid' });
    if (rawId !== '') {
      const first = firstRowOfId.get(rawId);
      if (first !== undefined) issues.push({ path: 'id', message: 'place_import_duplicate_id', params: { first } });
      else firstRowOfId.set(rawId, row);
    }
    const parsed = PlacePatch.safeParse(input);
    if (!parsed.success) issues.push(...zodIssues(parsed.error).map(columnPath));
    if (issues.length > 0 || !parsed.success) {
      planned.push({ ...result, id: rawId || null, slug: (record.slug ?? '').trim() || null, errors: issues });
      continue;
    }
    const patch = parsed.data;
    const commune = communes.get(patch.communeCode!);
    // The place this row stands for.
    let current: PlaceRecord | undefined;
    if (rawId) current = byId.get(rawId);
    else if (patch.slug) current = bySlug.get(patch.slug);
    else {
      const candidates = [slugify(patch.name!), commune ? slugify(`${patch.name} ${commune.name}`) : ''];
      current = candidates.map((slug) => bySlug.get(slug)).find((r) => r?.commune_code === patch.communeCode);
    }
    const id = current?.id ?? (rawId || randomUUID());
    if (patch.slug) {
      const owner = bySlug.get(patch.slug);
      if (owner && owner.id !== id) issues.push({ path: 'slug', message: 'place_slug_taken', params: { slug: patch.slug } });
    }
    const slug = patch.slug ?? current?.slug ?? (await freeSlug(db, patch.name!, commune?.name ?? '', reservedSlugs));
    const firstSlugRow = firstRowOfSlug.get(slug);
    if (firstSlugRow !== undefined) issues.push({ path: 'slug', message: 'place_import_duplicate_slug', params: { first: firstSlugRow } });
    else firstRowOfSlug.set(slug, row);
    reservedSlugs.add(slug);

    const before = current ? fieldsOfRecord(current) : undefined;
    // Fields the CSV does not carry stay as they are.
    if (before) patch.operatorOrganizationId = before.operatorOrganizationId;
    const completed = completeFields(before ?? null, patch, commune, slug);
    issues.push(...completed.issues.map(columnPath));
    if (issues.length > 0) {
      planned.push({ ...result, id, slug, errors: issues });
      continue;
    }
    const priceChanges = changedPrices(prices, before);
    if (!canSetPrices) {
      for (const [column, key] of PRICE_COLUMNS) if (priceChanges[key] !== undefined) issues.push({ path: column, message: 'place_import_prices_need_offers' });
      if (issues.length > 0) {
        planned.push({ ...result, id, slug, errors: issues });
        continue;
      }
    }
    const changedFields = [
      ...(before ? (Object.keys(diffFields(before, completed.fields)) as (keyof PlaceFields)[]) : []),
      ...(before ? Object.keys(priceChanges).map((key) => FIELD_OF_FIGURE[key as keyof PlacePriceFigures]) : []),
    ];
    planned.push({
      row,
      line,
      id,
      slug,
      outcome: !before ? 'created' : changedFields.length > 0 ? 'updated' : 'unchanged',
      ...(changedFields.length > 0 ? { changedFields } : {}),
      fields: completed.fields,
      prices: priceChanges,
      before,
      regionName: commune!.regionName,
      communeName: commune!.name,
    });
  }
  return planned;
}
