// The importer of INSEE's home → workplace flows ("flux de mobilité domicile-lieu de travail"):
// `CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_Cyy_ACTOCC15P`, streamed (the national file has about a million rows):
// the rows go to a temporary table in batches as they are read, SQL checks them all at once against the
// communes, and the flows are replaced in the same transaction only when every row is valid. Memory holds
// one batch, never the file.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, recordset, type Db } from '../db/index.ts';
import { invalid } from '../errors.ts';
import { commutingFlowImports } from './schema.ts';

/** Flows under this many workers are flagged: INSEE advises against reading them on their own. */
export const FRAGILE_FLOW = 200;
const REQUIRED = ['CODGEO', 'DCLT'] as const;
const FLOW_COLUMN = /^NBFLUX_C(\d{2})_ACTOCC15P$/;
/** Rejected rows reported in full; beyond, only counted. */
const REPORTED_ROWS = 1000;
/** Rows per statement: about 1 MB of JSON. */
const BATCH = 20_000;
/** A workplace abroad: a country and an area (BE540, CH999…), as in INSEE's file; never an INSEE code. */
const ABROAD = sql.raw(`'^[A-Z]{2}[0-9A-Z]{3}$'`);
const INSEE = sql.raw(`'^([0-9]{2}|2A|2B)[0-9]{3}$'`);
/** A decimal number as written in the file (the comma already turned into a point). */
const NUMBER = sql.raw(`'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$'`);

export interface FlowRowError {
  line: number;
  message: string;
}

export interface FlowImportReport {
  vintage: number | null;
  rows: number;
  accepted: number;
  fragile: number;
  abroad: number;
  rejected: number;
  errors: FlowRowError[];
  /** `applied`: the flows now in use; `unchanged`: the same file was already imported; else nothing written. */
  outcome: 'applied' | 'unchanged' | 'dry_run' | 'rejected';
}

interface FlowRow {
  line: number;
  home: string;
  work: string;
  flow: string;
}

/** Thrown inside the transaction to roll it back once every row has been read and reported. */
class Rejected extends Error {}

/**
 * Reads the file from `chunks` (bytes), checks every row, and replaces the flows in one transaction when
 * every row is valid (and `dryRun` is off). A wrong encoding or missing columns stop at once.
 */
export async function importFlows(
  db: Db,
  chunks: AsyncIterable<Uint8Array>,
  options: { fileName: string; dryRun?: boolean; synthetic?: boolean },
): Promise<FlowImportReport> {
  const report: FlowImportReport = { vintage: null, rows: 0, accepted: 0, fragile: 0, abroad: 0, rejected: 0, errors: [], outcome: 'rejected' };
  const digest = createHash('sha256');
  /** Rows too short to read, found while streaming; SQL finds the others. */
  const short: FlowRowError[] = [];
  try {
    await db.transaction(async (tx) => {
      // Each row with its verdict: `message` is null for a valid row.
      await tx.execute(sql`create temporary table commuting_flow_rows (
        line integer not null, home text not null, work text not null, workers double precision, abroad boolean not null, message text
      ) on commit drop`);
      const stage = (batch: FlowRow[]) =>
        tx.execute(sql`insert into commuting_flow_rows (line, home, work, workers, abroad, message)
          select r.line, r.home, r.work, case when checked.message is null then r.flow::double precision end, w.code is null, checked.message
          from ${recordset(batch, { line: 'integer', home: 'text', work: 'text', flow: 'text' }, 'r')}
          left join communes h on h.code = r.home
          left join communes w on w.code = r.work
          cross join lateral (select case
            when h.code is null then 'unknown commune of residence "' || left(r.home, 12) || '"'
            when w.code is null and (r.work !~ ${ABROAD} or r.work ~ ${INSEE}) then 'unknown place of work "' || left(r.work, 12) || '"'
            when r.flow !~ ${NUMBER} then 'the flow "' || left(r.flow, 20) || '" is not a number'
            when abs(r.flow::numeric) >= 1e12 then 'the flow "' || left(r.flow, 20) || '" is not a number'
            when r.flow::numeric < 0 then 'negative flow ' || r.flow
          end as message) checked`);
      let batch: FlowRow[] = [];
      let header: { home: number; work: number; flow: number; width: number } | null = null;
      let lineNumber = 0;
      for await (const line of lines(chunks, digest)) {
        lineNumber++;
        if (line.trim() === '') continue;
        const cells = line.split(';');
        if (!header) {
          const names = cells.map((c) => unquote(c).toUpperCase());
          const missing = REQUIRED.filter((name) => !names.includes(name));
          const flow = names.findIndex((name) => FLOW_COLUMN.test(name));
          if (missing.length > 0 || flow === -1) {
            throw invalid('flows_columns_missing', { columns: [...missing, ...(flow === -1 ? ['NBFLUX_Cyy_ACTOCC15P'] : [])].join(', ') });
          }
          report.vintage = 2000 + Number(FLOW_COLUMN.exec(names[flow]!)![1]);
          header = { home: names.indexOf('CODGEO'), work: names.indexOf('DCLT'), flow, width: names.length };
          continue;
        }
        report.rows++;
        if (cells.length < header.width) {
          short.push({ line: lineNumber, message: `expected ${header.width} columns, found ${cells.length}` });
          continue;
        }
        batch.push({
          line: lineNumber,
          home: unquote(cells[header.home]!).toUpperCase(),
          work: unquote(cells[header.work]!).toUpperCase(),
          flow: unquote(cells[header.flow]!).replace(',', '.'),
        });
        if (batch.length >= BATCH) {
          await stage(batch);
          batch = [];
        }
      }
      if (!header) throw invalid('flows_columns_missing', { columns: 'CODGEO, DCLT, NBFLUX_Cyy_ACTOCC15P' });
      if (batch.length > 0) await stage(batch);

      const countRows = async () => {
        const [counts] = await queryRows<{ accepted: number; fragile: number; abroad: number; rejected: number }>(
          tx,
          sql`select count(*) filter (where message is null)::int as accepted,
                     count(*) filter (where message is null and workers < ${FRAGILE_FLOW})::int as fragile,
                     count(*) filter (where message is null and abroad)::int as abroad,
                     count(*) filter (where message is not null)::int as rejected
              from commuting_flow_rows`,
        );
        Object.assign(report, counts);
        report.rejected += short.length;
      };
      // A pair given twice: the later rows are rejected. Finding them sorts every row, so it is done only
      // when the flows are not written, or when writing them met a pair twice.
      const rejectTwice = async () => {
        await tx.execute(sql`update commuting_flow_rows r set message = 'the pair ' || r.home || ' → ' || r.work || ' appears twice'
          from (select line, row_number() over (partition by home, work order by line) as nth from commuting_flow_rows where message is null) twice
          where twice.nth > 1 and r.line = twice.line`);
        await countRows();
      };
      await countRows();
      const fileDigest = digest.digest('hex');
      const [last] = await queryRows<{ digest: string }>(tx, sql`select digest from commuting_flow_imports order by imported_at desc limit 1`);
      const unchanged = last?.digest === fileDigest;
      if (report.rejected === 0 && !options.dryRun && !unchanged) {
        await tx.execute(sql`truncate commuting_flows`);
        const [written] = await queryRows<{ rows: number }>(
          tx,
          sql`with written as (
                insert into commuting_flows (home_code, work_code, workers, abroad, fragile)
                select home, work, workers, abroad, workers < ${FRAGILE_FLOW} from commuting_flow_rows where message is null
                on conflict do nothing returning 1)
              select count(*)::int as rows from written`,
        );
        if (written!.rows < report.accepted) await rejectTwice();
      } else if (!unchanged) await rejectTwice();
      if (report.rejected > 0) {
        const found = await queryRows<FlowRowError>(
          tx,
          sql`select line, message from commuting_flow_rows where message is not null order by line limit ${REPORTED_ROWS}`,
        );
        report.errors = [...short, ...found].sort((x, y) => x.line - y.line).slice(0, REPORTED_ROWS);
        throw new Rejected();
      }
      if (options.dryRun || unchanged) {
        report.outcome = options.dryRun ? 'dry_run' : 'unchanged';
        throw new Rejected();
      }
      await tx.insert(commutingFlowImports).values({
        vintage: report.vintage!,
        fileName: options.fileName.slice(0, 200),
        rows: report.accepted,
        digest: fileDigest,
        synthetic: options.synthetic ?? false,
      });
      report.outcome = 'applied';
    });
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
  }
  return report;
}

const unquote = (cell: string): string => cell.trim().replace(/^"(.*)"$/, '$1');

/** Lines of UTF-8 text (a BOM dropped); anything that is not UTF-8 is refused, never read wrongly. */
async function* lines(chunks: AsyncIterable<Uint8Array>, digest: ReturnType<typeof createHash>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let rest = '';
  for await (const chunk of chunks) {
    digest.update(chunk);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw invalid('flows_encoding');
    }
    const parts = (rest + text).split(/\r?\n/);
    rest = parts.pop()!;
    yield* parts;
  }
  try {
    rest += decoder.decode();
  } catch {
    throw invalid('flows_encoding');
  }
  if (rest !== '') yield rest;
}

export interface FlowsInUse {
  vintage: number;
  fileName: string;
  rows: number;
  synthetic: boolean;
  importedAt: string;
}

/** The flows file in use, or null (the siting then estimates flows by gravity). */
export async function flowsInUse(db: Db): Promise<FlowsInUse | null> {
  const [row] = await queryRows<{ vintage: number; file_name: string; rows: number; synthetic: boolean; imported_at: Date | string }>(
    db,
    sql`select vintage, file_name, rows, synthetic, imported_at from commuting_flow_imports order by imported_at desc limit 1`,
  );
  if (!row) return null;
  return { vintage: Number(row.vintage), fileName: row.file_name, rows: Number(row.rows), synthetic: row.synthetic, importedAt: new Date(row.imported_at).toISOString() };
}

/** Flows leaving the given home communes for another commune in France (abroad and staying home left out). */
export async function flowsFrom(db: Db, homeCodes: readonly string[]): Promise<{ home: string; work: string; workers: number }[]> {
  const rows = await queryRows<{ home_code: string; work_code: string; workers: number }>(
    db,
    sql`select home_code, work_code, workers from commuting_flows
        where not abroad and home_code <> work_code
          and home_code in (select value from json_array_elements_text(${JSON.stringify(homeCodes)}::json))`,
  );
  return rows.map((r) => ({ home: r.home_code, work: r.work_code, workers: Number(r.workers) }));
}

/** Which of the given communes of residence the flows file covers (any row, staying home and abroad included). */
export async function flowHomes(db: Db, homeCodes: readonly string[]): Promise<Set<string>> {
  const rows = await queryRows<{ home_code: string }>(
    db,
    sql`select distinct home_code from commuting_flows
        where home_code in (select value from json_array_elements_text(${JSON.stringify(homeCodes)}::json))`,
  );
  return new Set(rows.map((r) => r.home_code));
}
