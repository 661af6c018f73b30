// The observatory's section of `npm run bench`: observatory of départements and régions, reach of every EPCI,
// national and regional siting (time and gap to the optimum), and importing a million-row flows file.
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database.ts';
import { allCommunePoints } from '../../src/lib/server/territory/index.ts';
import { importFlows, observatoryOf, reachByEpci } from '../../src/lib/server/observatory/index.ts';
import { PointGrid } from '../../src/lib/server/observatory/reach.ts';
import { solveExact } from '../../src/lib/server/observatory/exact.ts';
import { buildInstance, solveFast, type InstanceEntry } from '../../src/lib/server/observatory/solver.ts';
import { percentile } from './stats.ts';

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
  flows: { rows: number; ms: number; peakRssMB: number; outcome: string };
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

  progress(`importing a flows file of ${OBSERVATORY_TARGETS.flowsRows.toLocaleString('en')} rows`);
  const file = join(tmp, 'flows.csv');
  const lines = ['CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P'];
  const codes = communes.map((c) => c.code);
  for (let row = 0; lines.length <= OBSERVATORY_TARGETS.flowsRows; row++) {
    const home = codes[row % codes.length]!;
    const work = codes[(row * 7919 + Math.floor(row / codes.length)) % codes.length]!;
    lines.push(`${home};x;${work};y;${(row % 900) + 1}`);
  }
  writeFileSync(file, `${[...new Set(lines)].join('\n')}\n`);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const imported = await timed(() => importFlows(db, createReadStream(file), { fileName: 'bench.csv' }));
  clearInterval(sampler);
  return {
    departementP95Ms: percentile(depTimes, 95),
    departements: departements.length,
    regionP95Ms: percentile(regTimes, 95),
    regions: regions.length,
    allEpciReachMs: reach.ms,
    epcis: reach.value.length,
    national: { demand: communes.length, candidates: candidates.length, pairs: national.demand.length, runs },
    regional,
    flows: { rows: imported.value.rows, ms: imported.ms, peakRssMB: peak / 1e6, outcome: imported.value.outcome },
  };
}
