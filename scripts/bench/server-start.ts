// The first start of the app as `npm start` does it on a new embedded database, measured from outside:
// time until it answers, and the memory the server process holds once it has served a few pages.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertPortFree, BENCH_PORTS } from './ports.ts';
import { REPO_ROOT } from './territory.ts';
import { waitForHealth } from './weight.ts';

export interface ServerStart {
  /** From spawning `node scripts/start.js` to the health check answering, ms (the database preparation included). */
  readyMs: number;
  /** Resident memory of the server process right after serving `FIRST_VISIT_PAGES`, bytes (/proc VmRSS). */
  rssRightAfter: number;
  /**
   * The same once it has settled (two readings 1 s apart within 2 %, at most 20 s): V8 compiles PGlite's hot
   * WebAssembly functions again, optimised, in the background after the first queries, and gives that
   * memory back when done.
   */
  rss: number;
  /** Seconds from the last page to the settled reading. */
  settleS: number;
  /** Its peak resident memory, bytes (/proc VmHWM). */
  peakRss: number;
}

const PORT = BENCH_PORTS.serverStart;
/** Pages a first visitor opens: a commune search, a commune, the directory around a commune. */
export const FIRST_VISIT_PAGES = ['/', '/territoires?q=saint', '/territoires/communes/13019', '/lieux?near=13019&radiusKm=30', '/api/v1/communes?near=44.5,1.4'];

function memoryOf(pid: number): { rss: number; peakRss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
}

export async function measureServerFirstStart(): Promise<ServerStart> {
  const built = spawnSync(process.execPath, ['scripts/start.js', '--build-only'], { cwd: REPO_ROOT, stdio: 'ignore' });
  if (built.status !== 0) throw new Error('the app could not be built');
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-first-start-'));
  const env = { ...process.env, MAILLAGE_DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(PORT), HOST: '127.0.0.1', SHUTDOWN_TIMEOUT: '1' };
  await assertPortFree(PORT);
  const started = performance.now();
  const server = spawn(process.execPath, ['scripts/start.js'], { cwd: REPO_ROOT, env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitForHealth(`${base}/api/v1/health`, 180_000);
    const readyMs = performance.now() - started;
    for (const path of FIRST_VISIT_PAGES) {
      const response = await fetch(`${base}${path}`);
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      await response.arrayBuffer();
    }
    const rssRightAfter = memoryOf(server.pid!).rss;
    const pagesDone = performance.now();
    let previous = rssRightAfter;
    let rss = rssRightAfter;
    for (let waited = 0; waited < 20; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      rss = memoryOf(server.pid!).rss;
      if (waited >= 1 && Math.abs(rss - previous) <= previous * 0.02) break;
      previous = rss;
    }
    return { readyMs, rssRightAfter, rss, settleS: (performance.now() - pagesDone) / 1000, peakRss: memoryOf(server.pid!).peakRss };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
