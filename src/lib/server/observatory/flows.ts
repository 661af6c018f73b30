// The importer of INSEE's home → workplace flows ("flux de mobilité domicile-lieu de travail"):
// `CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_Cyy_ACTOCC15P`, streamed (the national file has about a million rows),
// checked row by row, applied all or nothing in one transaction.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { bulkInsert, queryRows, type Db } from '../db/index.ts';
import { invalid } from '../errors.ts';
import { knownCommuneCodes } from '../territory/index.ts';
import { commutingFlowImports, commutingFlows } from './schema.ts';

/** Flows under this many workers are flagged: INSEE advises against reading them on their own. */
export const FRAGILE_FLOW = 200;
const REQUIRED = ['CODGEO', 'DCLT'] as const;
const FLOW_COLUMN = /^NBFLUX_C(\d{2})_ACTOCC15P$/;
/** A workplace abroad: a country and an area (BE540, CH999…), as in INSEE's file. */
const ABROAD = /^[A-Z]{2}[0-9A-Z]{3}$/;
const INSEE = /^(\d{2}|2A|2B)\d{3}$/;
/** Rejected rows reported in full; beyond, only counted. */
const REPORTED_ROWS = 1000;
const BATCH = 5000;

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

type Flow = typeof commutingFlows.$inferInsert;

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
  const codes = await knownCommuneCodes(db);
  const report: FlowImportReport = { vintage: null, rows: 0, accepted: 0, fragile: 0, abroad: 0, rejected: 0, errors: [], outcome: 'rejected' };
  const digest = createHash('sha256');
  const reject = (line: number, message: string): void => {
    report.rejected++;
    if (report.errors.length < REPORTED_ROWS) report.errors.push({ line, message });
  };
  const seen = new Set<string>();
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from commuting_flows`);
      let batch: Flow[] = [];
      let header: { home: number; work: number; flow: number; width: number } | null = null;
      let lineNumber = 0;
      for await (const line of lines(chunks, digest)) {
        lineNumber++;
        if (line.trim() === '') continue;
        const cells = line.split(';').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
        if (!header) {
          const names = cells.map((c) => c.toUpperCase());
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
          reject(lineNumber, `expected ${header.width} columns, found ${cells.length}`);
          continue;
        }
        const home = cells[header.home]!.toUpperCase();
        const work = cells[header.work]!.toUpperCase();
        const workers = Number(cells[header.flow]!.replace(',', '.'));
        if (!INSEE.test(home) || !codes.has(home)) {
          reject(lineNumber, `unknown commune of residence "${home.slice(0, 12)}"`);
          continue;
        }
        const abroad = !codes.has(work) && ABROAD.test(work) && !INSEE.test(work);
        if (!abroad && !codes.has(work)) {
          reject(lineNumber, `unknown place of work "${work.slice(0, 12)}"`);
          continue;
        }
        if (cells[header.flow] === '' || !Number.isFinite(workers)) {
          reject(lineNumber, `the flow "${cells[header.flow]!.slice(0, 20)}" is not a number`);
          continue;
        }
        if (workers < 0) {
          reject(lineNumber, `negative flow ${workers}`);
          continue;
        }
        const key = `${home}>${work}`;
        if (seen.has(key)) {
          reject(lineNumber, `the pair ${home} → ${work} appears twice`);
          continue;
        }
        seen.add(key);
        const fragile = workers < FRAGILE_FLOW;
        report.accepted++;
        if (fragile) report.fragile++;
        if (abroad) report.abroad++;
        // Once a row is rejected nothing will be written: keep reading to report every row, insert no more.
        if (report.rejected > 0 || options.dryRun) continue;
        batch.push({ homeCode: home, workCode: work, workers, abroad, fragile });
        if (batch.length >= BATCH) {
          await bulkInsert(tx, commutingFlows, batch);
          batch = [];
        }
      }
      if (!header) throw invalid('flows_columns_missing', { columns: 'CODGEO, DCLT, NBFLUX_Cyy_ACTOCC15P' });
      if (report.rejected > 0) throw new Rejected();
      const fileDigest = digest.digest('hex');
      const [last] = await queryRows<{ digest: string }>(tx, sql`select digest from commuting_flow_imports order by imported_at desc limit 1`);
      if (options.dryRun || last?.digest === fileDigest) {
        report.outcome = options.dryRun ? 'dry_run' : 'unchanged';
        throw new Rejected();
      }
      await bulkInsert(tx, commutingFlows, batch);
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
