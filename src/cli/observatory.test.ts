import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../tests/setup/database.ts';
import { testEngine } from '../../tests/setup/engine.ts';
import { main } from './main.ts';

const fixture = new URL('../lib/server/observatory/fixtures/pmed1.txt', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'maillage-observatory-'));
let env: Record<string, string> = {};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI opens its own database from the environment: a prepared PGlite directory, or a test database. */
beforeAll(async () => {
  if (testEngine() === 'pglite') {
    const prepared = await createTestDatabase({ dataDir: join(dir, 'data', 'pglite') });
    await prepared.close();
    env = { MAILLAGE_DATA_DIR: join(dir, 'data') };
  } else {
    const prepared = await createTestDatabase();
    env = { DATABASE_URL: prepared.location };
    await prepared.close();
  }
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return { code: await main(['node', 'maillage', ...args]), out: out.join(''), err: err.join('') };
  } finally {
    process.env = saved;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('maillage siting orlib', () => {
  it('prints 5819 for pmed1 with p = 5, on the fast and the exact path', async () => {
    const result = await cli('siting', 'orlib', fixture, '5');
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('5819');
    expect(result.out).toMatch(/fast path: 5819, lower bound 5819\.\d/);
    expect(result.out).toContain('exact path: 5819 (optimal)');
  }, 60_000);

  it('reports a bad file or p plainly, with exit code 2', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '3 5 1\n1 2 4\n');
    const truncated = await cli('siting', 'orlib', bad, '1');
    expect(truncated.code).toBe(2);
    expect(truncated.err).toContain('5 edges announced');
    const tooMany = await cli('siting', 'orlib', fixture, '101', '--no-exact');
    expect(tooMany.code).toBe(2);
    expect(tooMany.err).toContain('p must be a whole number in 1..100');
  });
});

describe('maillage observatory import-flows', () => {
  it('reports rejected rows and writes nothing; a good file is applied once, then unchanged', async () => {
    const bad = join(dir, 'bad-flows.csv');
    writeFileSync(bad, 'CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P\n46102;Figeac;46042;Cahors;250\n46102;Figeac;ZZ;Nulle part;3\n');
    const rejected = await cli('observatory', 'import-flows', bad);
    expect(rejected.code).toBe(2);
    expect(rejected.out).toContain('line 3: unknown place of work "ZZ"');
    expect(rejected.out).toContain('nothing written');
    const good = join(dir, 'flows.csv');
    writeFileSync(good, 'CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P\n46102;Figeac;46042;Cahors;250\n46102;Figeac;BE540;Belgique;3\n');
    const dry = await cli('observatory', 'import-flows', good, '--dry-run');
    expect(dry.out).toContain('dry run: nothing written');
    const applied = await cli('observatory', 'import-flows', good);
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('vintage: 2021');
    expect(applied.out).toContain('accepted: 2 (fragile, under 200: 1; abroad: 1)');
    expect(applied.out).toContain('applied');
    expect((await cli('observatory', 'import-flows', good)).out).toContain('unchanged');
    const missing = join(dir, 'missing.csv');
    writeFileSync(missing, 'CODGEO;DCLT\n46102;46042\n');
    const refused = await cli('observatory', 'import-flows', missing);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('flows_columns_missing');
  }, 120_000);
});

describe('maillage territory import-contours', () => {
  const square = (lon: number, lat: number) => [[[lon, lat], [lon + 0.02, lat], [lon + 0.02, lat + 0.02], [lon, lat + 0.02], [lon, lat]]];
  const file = (name: string, features: unknown[]) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
    return path;
  };

  it('reports every feature without a known code and imports nothing; a good file is imported', async () => {
    const bad = file('bad.geojson', [
      { type: 'Feature', properties: { code: '46182' }, geometry: { type: 'Polygon', coordinates: square(1.43, 44.47) } },
      { type: 'Feature', properties: { nom: 'Sans code' }, geometry: { type: 'Polygon', coordinates: square(1.5, 44.5) } },
    ]);
    const refused = await cli('territory', 'import-contours', bad);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('features.2.properties: contours_code_missing');
    expect(refused.err).toContain('invalid features: 1; nothing was imported');
    const good = file('good.geojson', [{ type: 'Feature', properties: { INSEE_COM: '46182' }, geometry: { type: 'Polygon', coordinates: square(1.43, 44.47) } }]);
    const imported = await cli('territory', 'import-contours', good);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('imported: 1');
  }, 120_000);
});
