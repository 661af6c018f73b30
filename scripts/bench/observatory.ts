// The observatory's section of `npm run bench`: observatory of départements and régions, reach of every EPCI,
// national and regional siting (time and gap to the optimum), and importing a million-row flows file.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database.ts';
import { allCommunePoints } from '../../src/lib/server/territory/index.ts';
import { observatoryOf, reachByEpci } from '../../src/lib/server/observatory/index.ts';
import { PointGrid } from '../../src/lib/server/observatory/reach.ts';
import { solveExact } from '../../src/lib/server/observatory/exact.ts';
import { buildInstance, solveFast, type InstanceEntry } from '../../src/lib/server/observatory/solver.ts';
import { percentile } from './stats.ts';
import { openPglite } from './territory.ts';

export const OBSERVATORY_TARGETS = {
  departementP95Ms: 300,
  regionP95Ms: 1000,
  allEpciReachMs: 3000,
  nationalK100Ms: 2000,
  nationalK300Ms: 5000,
  regionalGap: 0.01,
  flowsRows: 1_000_000,
  flowsImportMs: 60_000,
  flowsRssMB: 500,
};

export interface ObservatoryBench {
  departementP95Ms: number;
  departements: number;
  regionP95Ms: number;
  regions: number;
  allEpciReachMs: number;
  epcis: number;
  national: { demand: number; candidates: number; pairs: number; runs: { k: number; ms: number; gap: number }[] };
  regional: { region: string; candidates: number; pairs: number; fastMs: number; exactMs: number; optimal: boolean; gapToOptimum: number; boundGap: number }[];
  /** The command in its own process, from start to exit (PGlite opened, file read, flows replaced); its peak RSS. */
  flows: { rows: number; ms: number; peakRssMB: number; baselineRssMB: number; outcome: string };
}

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const began = performance.now();
  const value = await run();
  return { value, ms: performance.now() - began };
}

/** A siting instance over communes: value = population × km avoided towards a 25 km commute, within 30 km. */
function communeInstance(demand: { lat: number; lon: number; population: number }[], candidates: { lat: number; lon: number }[], radiusKm: number) {
  const grid = new PointGrid(demand.map((d, i) => ({ ...d, i })));
  const entries: InstanceEntry[] = [];
  candidates.forEach((site, j) => {
    for (const { point, km } of grid.within(site, radiusKm)) entries.push({ candidate: j, demand: point.i, value: point.population * Math.max(0, 25 - km) });
  });
  return buildInstance(demand.length, candidates.length, entries);
}

export async function measureObservatory(database: Database, tmp: string, progress: (line: string) => void): Promise<ObservatoryBench> {
  const db = database.db;
  const communes = await allCommunePoints(db);
  const flows = await measureFlowsImport(communes.map((c) => c.code), tmp, progress);
  const departements = [...new Set(communes.map((c) => c.departement))].slice(0, 40);
  const regions = [...new Set(communes.map((c) => c.region))].filter((r) => Number(r) >= 11);
  progress(`observatory of ${departements.length} départements and ${regions.length} régions`);
  const depTimes: number[] = [];
  for (const code of departements) depTimes.push((await timed(() => observatoryOf(db, 'departement', code))).ms);
  const regTimes: number[] = [];
  for (const code of regions) regTimes.push((await timed(() => observatoryOf(db, 'region', code))).ms);
  progress('population within reach of every EPCI');
  const reach = await timed(() => reachByEpci(db));

  progress('national siting: every commune as demand, 3,000 candidates');
  const candidates = [...communes].sort((a, b) => b.population - a.population).slice(0, 3000);
  const national = communeInstance(communes, candidates, 30);
  const runs = [100, 300].map((k) => {
    const answer = solveFast(national, { k }, { budgetMs: k === 100 ? 1800 : 4500 });
    return { k, ms: answer.milliseconds, gap: answer.gap };
  });

  progress('5 regional instances: fast path against the exact optimum');
  const regional: ObservatoryBench['regional'] = [];
  for (const region of ['76', '75', '84', '44', '53']) {
    const inRegion = communes.filter((c) => c.region === region);
    const sites = inRegion.filter((c) => c.population >= 2000);
    const instance = communeInstance(inRegion, sites, 15);
    const fast = solveFast(instance, { k: 10 }, { budgetMs: 5000 });
    const exact = await solveExact(instance, { k: 10 }, { timeLimitSeconds: 60 });
    regional.push({
      region,
      candidates: sites.length,
      pairs: instance.demand.length,
      fastMs: fast.milliseconds,
      exactMs: exact.milliseconds,
      optimal: exact.optimal,
      gapToOptimum: exact.value > 0 ? Math.max(0, (exact.value - fast.value) / exact.value) : 0,
      boundGap: fast.gap,
    });
  }

  return {
    departementP95Ms: percentile(depTimes, 95),
    departements: departements.length,
    regionP95Ms: percentile(regTimes, 95),
    regions: regions.length,
    allEpciReachMs: reach.ms,
    epcis: reach.value.length,
    national: { demand: communes.length, candidates: candidates.length, pairs: national.demand.length, runs },
    regional,
    flows,
  };
}

/**
 * Imports a flows file of a million distinct pairs as an administrator would: `maillage observatory
 * import-flows` in a process of its own, on a prepared database, its time and peak memory (VmHWM) measured.
 */
async function measureFlowsImport(codes: string[], tmp: string, progress: (line: string) => void): Promise<ObservatoryBench['flows']> {
  progress('preparing a database for the flows import (migrations, territory)');
  const dataDir = join(tmp, 'flows-data');
  await (await openPglite(join(dataDir, 'pglite'))).database.close();
  progress(`importing a flows file of ${OBSERVATORY_TARGETS.flowsRows.toLocaleString('en')} rows (maillage observatory import-flows)`);
  const file = join(tmp, 'flows.csv');
  const fd = openSync(file, 'w');
  writeSync(fd, 'CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P\n');
  let block: string[] = [];
  // Row r and r + n share a home but not a workplace (n communes, fewer than n rounds): every pair is distinct.
  for (let row = 0; row < OBSERVATORY_TARGETS.flowsRows; row++) {
    const home = codes[row % codes.length]!;
    const work = codes[(row * 7919 + Math.floor(row / codes.length)) % codes.length]!;
    block.push(`${home};x;${work};y;${(row % 900) + 1}\n`);
    if (block.length === 10_000) {
      writeSync(fd, block.join(''));
      block = [];
    }
  }
  writeSync(fd, block.join(''));
  closeSync(fd);
  // The same command on a file of 1,000 rows first: what the process holds without the import (Node, the
  // CLI's modules, PGlite and its WebAssembly memory), so that the import's own memory can be read apart.
  const small = join(tmp, 'flows-small.csv');
  writeFileSync(small, readFileSync(file, 'utf8').slice(0, 40_000).split('\n').slice(0, 1001).join('\n') + '\n');
  const baseline = await runImport(small, dataDir);
  const full = await runImport(file, dataDir);
  return { ...full, baselineRssMB: baseline.peakRssMB };
}

async function runImport(file: string, dataDir: string): Promise<Omit<ObservatoryBench['flows'], 'baselineRssMB'>> {
  const env = { ...process.env, MAILLAGE_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const began = performance.now();
  const child = spawn(process.execPath, ['bin/maillage.js', 'observatory', 'import-flows', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peakKb = 0;
  const highWater = () => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb);
    } catch {
      // The process has ended between two samples.
    }
  };
  const sampler = setInterval(highWater, 50);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const ms = performance.now() - began;
  if (code !== 0) throw new Error(`import-flows exited with ${code}: ${output.slice(-500)}`);
  const rows = Number(/rows: (\d+)/.exec(output)?.[1] ?? 0);
  return { rows, ms, peakRssMB: (peakKb * 1024) / 1e6, outcome: /\bapplied\b/.test(output) ? 'applied' : output.trim().split('\n').at(-1) ?? '' };
}
