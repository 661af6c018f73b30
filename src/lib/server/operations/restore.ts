import { createReadStream, existsSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { journal, lockDataDir, openDatabase, type Database } from '../db/index.ts';
import { prepareDatabase } from '../runtime.ts';
import { BACKUP_END, BACKUP_FORMAT, BACKUP_MAGIC, deferPostData, pgliteClient } from './backup.ts';

/** A backup that cannot be restored here; nothing was written. */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusedError';
  }
}

export interface BackupHeader {
  format: number;
  migration: string;
  created: string;
}

/** Reads and checks the header and the trailer before anything is written. */
export async function inspectBackup(file: string): Promise<BackupHeader> {
  if (!existsSync(file)) throw new BackupRefusedError(`${file}: no such file`);
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await handle.read(head, 0, head.length, 0);
    const lines = head.toString('utf8').split('\n');
    if (!lines[0]?.startsWith(BACKUP_MAGIC)) throw new BackupRefusedError(`${file} is not a Maillage backup (it does not start with "${BACKUP_MAGIC.trim()}")`);
    const format = Number(lines[0].slice(BACKUP_MAGIC.length));
    if (format !== BACKUP_FORMAT) throw new BackupRefusedError(`${file} is a backup in format ${lines[0].slice(BACKUP_MAGIC.length)}; this version of Maillage reads format ${BACKUP_FORMAT}: use a newer Maillage`);
    const field = (name: string) => lines.find((line) => line.startsWith(`-- ${name}: `))?.slice(name.length + 5) ?? '';
    const header = { format, migration: field('migration'), created: field('created') };
    const tail = Buffer.alloc(Math.min(size, 256));
    await handle.read(tail, 0, tail.length, size - tail.length);
    if (!tail.toString('utf8').trimEnd().split('\n').at(-1)?.startsWith(BACKUP_END)) {
      throw new BackupRefusedError(`${file} is truncated (its last line is not "${BACKUP_END.trim()} …"): take the backup again`);
    }
    const entries = journal();
    if (!entries.some((entry) => entry.tag === header.migration)) {
      const when = Number(header.migration.slice(0, 14));
      const newer = Number.isFinite(when) && header.migration.slice(0, 14) > entries.at(-1)!.tag.slice(0, 14);
      throw new BackupRefusedError(
        newer
          ? `${file} was taken at migration ${header.migration}, newer than this version of Maillage (${entries.at(-1)!.tag}): restore it with that version or a later one`
          : `${file} states migration "${header.migration}", which this version of Maillage does not know`,
      );
    }
    return header;
  } finally {
    await handle.close();
  }
}

/** How many COPY lines go to the database at once: bounded memory whatever the table's size. */
const COPY_CHUNK_LINES = 50_000;

/** Runs the backup's statements and rows into an empty database; checks every table's row count. */
async function load(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const client = pgliteClient(database);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let statements: string[] = [];
  let copy: { target: string; chunk: string[]; count: number } | undefined;
  let lastCopy: { target: string; count: number } | undefined;
  let tables = 0;
  let rows = 0;
  let ended = false;
  let buildPostData: (() => Promise<void>) | undefined;
  const flushStatements = async () => {
    if (statements.length) await client.exec(statements.join('\n'));
    statements = [];
  };
  const flushCopy = async () => {
    if (!copy || copy.chunk.length === 0) return;
    await client.query(`COPY ${copy.target} FROM '/dev/blob'`, [], { blob: new Blob([copy.chunk.join('\n') + '\n']) });
    copy.chunk = [];
  };
  for await (const line of lines) {
    if (copy) {
      if (line === '\\.') {
        await flushCopy();
        lastCopy = { target: copy.target, count: copy.count };
        rows += copy.count;
        tables++;
        copy = undefined;
        continue;
      }
      copy.chunk.push(line);
      copy.count++;
      if (copy.chunk.length >= COPY_CHUNK_LINES) await flushCopy();
      continue;
    }
    const copyStart = /^COPY (.+) FROM stdin;$/.exec(line);
    if (copyStart) {
      await flushStatements();
      // The schema is in place: its indexes and constraints are built once the rows are in.
      buildPostData ??= await deferPostData(client);
      copy = { target: copyStart[1]!, chunk: [], count: 0 };
      continue;
    }
    const counted = /^-- rows: (\d+)$/.exec(line);
    if (counted && lastCopy) {
      if (Number(counted[1]) !== lastCopy.count) {
        throw new BackupRefusedError(`the backup is damaged: ${lastCopy.target} holds ${lastCopy.count} rows where ${counted[1]} were written`);
      }
      continue;
    }
    if (line.startsWith(BACKUP_END)) {
      ended = true;
      const [, expectedTables, expectedRows] = /(\d+) tables, (\d+) rows/.exec(line) ?? [];
      if (Number(expectedTables) !== tables || Number(expectedRows) !== rows) {
        throw new BackupRefusedError(`the backup is damaged: ${tables} tables and ${rows} rows read where ${expectedTables} and ${expectedRows} were written`);
      }
      continue;
    }
    statements.push(line);
  }
  if (copy || !ended) throw new BackupRefusedError('the backup is truncated: take it again');
  await flushStatements();
  await buildPostData?.();
  return { tables, rows };
}

export interface RestoreReport {
  migration: string;
  /** The level after this version's newer migrations ran. */
  migratedTo: string;
  tables: number;
  rows: number;
  dataDir: string;
}

/**
 * Restores a backup into a new embedded data directory: refused if the directory holds anything. The backup
 * is loaded beside it and moved into place only once complete, so a failure leaves nothing behind.
 */
export async function restoreBackup(file: string, dataDir: string, log: (line: string) => void = () => {}): Promise<RestoreReport> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new BackupRefusedError(`${dataDir} is not empty: a backup is restored into a new data directory (move the old one aside first)`);
  }
  const header = await inspectBackup(file);
  const release = lockDataDir(dataDir);
  const staging = join(dirname(dataDir), `.${basename(dataDir)}.restoring-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    const database = await openDatabase({ dataDir: staging });
    let loaded: { tables: number; rows: number };
    let migratedTo: string;
    try {
      const started = performance.now();
      loaded = await load(database, file);
      // Planner statistics, which a backup does not carry.
      await pgliteClient(database).exec('ANALYZE');
      log(`loaded ${loaded.tables} tables, ${loaded.rows} rows at migration ${header.migration} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      migratedTo = await prepareDatabase(database, log);
    } finally {
      await database.close();
    }
    if (existsSync(dataDir)) rmdirSync(dataDir);
    renameSync(staging, dataDir);
    rmSync(`${staging}.lock`, { force: true });
    return { migration: header.migration, migratedTo, ...loaded, dataDir };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(`${staging}.lock`, { force: true });
    throw error;
  } finally {
    release();
  }
}
