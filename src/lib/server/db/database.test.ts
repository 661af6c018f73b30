import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { testEngine } from '../../../../tests/setup/engine.ts';
import { loadTerritory, territoryVintage } from '../territory/index.ts';
import { DataDirLockedError, migrateDatabase, migrationLevel, openDatabase, preparedRows, queryRows, type Database } from './index.ts';
import { lockDataDir } from './lock.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('database', () => {
  it('runs on the engine under test, migrated to the latest migration', async () => {
    expect(database.engine).toBe(testEngine());
    expect(await migrationLevel(database.db)).toMatch(/^\d{14}_\w+$/);
    // Migrating again is a no-op.
    expect(await migrateDatabase(database)).toBe(await migrationLevel(database.db));
  });

  it('holds PGlite to a small page cache, which its never-shrinking memory would otherwise keep', async () => {
    const [setting] = await queryRows<{ shared_buffers: string }>(database.db, sql`show shared_buffers`);
    // A PostgreSQL server keeps its own setting.
    expect(setting!.shared_buffers).toEqual(database.engine === 'pglite' ? '16MB' : expect.stringMatching(/^\d+(kB|MB|GB)$/));
  });

  it('records the reference-data vintage and does not reload the same edition', async () => {
    const vintage = await territoryVintage(database.db);
    expect(vintage?.vintage).toBe('COG 2026');
    expect(await loadTerritory(database.db)).toEqual({ loaded: false, communes: 0 });
  });

  it('runs a prepared statement again with other values, alone and in transactions, as plain SQL would', async () => {
    const query = (code: string) => sql`select code, name from communes where code = ${code}`;
    // More runs than PostgreSQL's five custom plans, on the pool and on a transaction's own connection.
    for (const code of ['46042', '46182', '46042', '13001', '46182', '46042', '00000']) {
      expect(await preparedRows(database.db, query(code))).toEqual(await queryRows(database.db, query(code)));
    }
    const inTransaction = await database.db.transaction(async (tx) => [await preparedRows<{ name: string }>(tx, query('46042')), await preparedRows<{ name: string }>(tx, query('46182'))]);
    expect(inTransaction.map(([row]) => row!.name)).toEqual(['Cahors', 'Luzech']);
    expect(await preparedRows(database.db, query('00000'))).toEqual([]);
  });

  it('outlives the server ending its idle connections (a restart): the next query gets a new one', async () => {
    if (database.engine !== 'postgresql') return expect(database.engine).toBe('pglite');
    const own = await openDatabase({ databaseUrl: database.location, poolSize: 2 });
    try {
      const [mine] = await queryRows<{ pid: number }>(own.db, sql`select pg_backend_pid() as pid`);
      // Another connection ends it, as a server restart would; the pool keeps it idle meanwhile.
      await database.db.execute(sql`select pg_terminate_backend(${mine!.pid})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [again] = await queryRows<{ pid: number }>(own.db, sql`select pg_backend_pid() as pid`);
      expect(again!.pid).not.toBe(mine!.pid);
    } finally {
      await own.close();
    }
  });

  it('enforces the foreign keys of the territory', async () => {
    await expect(
      database.db.execute(sql`insert into commune_postal_codes (postal_code, commune_code) values ('00000', 'XXXXX')`),
    ).rejects.toThrow();
  });
});

describe('embedded data directory', () => {
  const parent = mkdtempSync(join(tmpdir(), 'maillage-lock-'));
  const lockModule = fileURLToPath(new URL('./lock.ts', import.meta.url));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(parent, { recursive: true, force: true });
  });

  /**
   * Another process takes the lock, prints its pid and stays alive until killed. Started as `sh -c 'node … & exec sleep'`: the shell
   * becomes `sleep`, which never waits for its children, so once killed the holder stays a zombie.
   */
  async function holdInAnotherProcess(dataDir: string): Promise<{ holderPid: number; parentProcess: ChildProcess }> {
    const script = `import { lockDataDir } from ${JSON.stringify(lockModule)}; lockDataDir(${JSON.stringify(dataDir)}); console.log(process.pid); setInterval(() => {}, 60_000);`;
    const parentProcess = spawn('sh', ['-c', `"$0" --input-type=module -e "$1" & exec sleep 120`, process.execPath, script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(parentProcess);
    const [line] = (await once(parentProcess.stdout!, 'data')) as [Buffer];
    return { holderPid: Number.parseInt(line.toString(), 10), parentProcess };
  }

  function processState(pid: number): string | undefined {
    try {
      // /proc/<pid>/stat: "pid (comm) S …"; the state follows the closing parenthesis.
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    } catch {
      return undefined;
    }
  }

  it('refuses a second opening of the same data directory with a clear error, and frees it on close', async () => {
    const dataDir = join(parent, 'pglite');
    const first = await openDatabase({ dataDir });
    try {
      const error = await openDatabase({ dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toContain(`already in use (process ${process.pid})`);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir });
    await again.close();
  });

  it('refuses while another live process holds the directory, whatever pid its lock file names', async () => {
    const dataDir = join(parent, 'held');
    const { holderPid, parentProcess } = await holdInAnotherProcess(dataDir);
    expect(processState(holderPid)).toMatch(/[RS]/);
    // A process in another PID namespace sees a pid that means nothing (or someone else) in its own.
    writeFileSync(`${dataDir}.lock`, 'process 999999999');
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    expect(processState(holderPid)).toMatch(/[RS]/);
    parentProcess.kill('SIGKILL');
    process.kill(holderPid, 'SIGKILL');
  });

  it('opens at once after the holder is killed with SIGKILL, while it is still a zombie', async () => {
    const dataDir = join(parent, 'killed');
    const { holderPid, parentProcess } = await holdInAnotherProcess(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    process.kill(holderPid, 'SIGKILL');
    // Its parent (sleep) never reaps it: wait until the kernel has made it a zombie. Node's other threads may
    // still be closing the process's files for a few milliseconds after that, so the lock is tried for at most
    // a second (a PID-file lock refused this for about ten).
    while (processState(holderPid) !== 'Z') await new Promise((resolve) => setTimeout(resolve, 10));
    const deadline = Date.now() + 1000;
    let release: (() => void) | undefined;
    while (!release) {
      try {
        release = lockDataDir(dataDir);
      } catch (error) {
        if (!(error instanceof DataDirLockedError) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    expect(processState(holderPid)).toBe('Z');
    release();
    parentProcess.kill('SIGKILL');
  });
});
