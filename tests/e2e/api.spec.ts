import { expect, test, type APIRequestContext } from '@playwright/test';
import { communesOfPostalCode, LUZECH_EPCI, packageCommune } from './support';

interface Commune {
  code: string;
  name: string;
  kind: 'commune' | 'arrondissement';
  parentCode: string | null;
  postalCodes: string[];
  population: number;
  departement: string;
  region: string;
  epci: { code: string; name: string } | null;
  lat: number;
  lon: number;
  coordinatesSource: 'official' | 'geonames' | 'estimated' | 'imported';
  distanceKm?: number;
}

/** Every field of the Commune contract, with its type. */
function expectCommuneShape(commune: Commune) {
  expect(commune.code).toMatch(/^(\d{2}|2A|2B)\d{3}$/);
  expect(commune.name).not.toBe('');
  expect(['commune', 'arrondissement']).toContain(commune.kind);
  expect(commune.parentCode === null || typeof commune.parentCode === 'string').toBe(true);
  expect(Array.isArray(commune.postalCodes)).toBe(true);
  for (const postalCode of commune.postalCodes) expect(postalCode).toMatch(/^\d{5}$/);
  expect(Number.isInteger(commune.population)).toBe(true);
  expect(commune.departement).toMatch(/^(\d{2,3}|2A|2B)$/);
  expect(commune.region).toMatch(/^\d{2}$/);
  expect(Math.abs(commune.lat)).toBeLessThanOrEqual(90);
  expect(Math.abs(commune.lon)).toBeLessThanOrEqual(180);
  expect(['official', 'geonames', 'estimated', 'imported']).toContain(commune.coordinatesSource);
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  const body = await response.text();
  expect(response.status(), `${url}: ${body.slice(0, 300)}`).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/json\b/);
  return JSON.parse(body) as T;
}

const list = async (request: APIRequestContext, query: string) =>
  (await getJson<{ items: Commune[] }>(request, `/api/v1/communes?${query}`)).items;

test.describe('/api/v1', () => {
  test('GET /health', async ({ request }) => {
    const health = await getJson<{
      status: string;
      version: string;
      database: { engine: string; migration: string };
      referenceData: { territory: { version: string; vintage: string } | null };
    }>(request, '/api/v1/health');
    expect(health.status).toBe('ok');
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(health.database.engine).toBe(process.env.E2E_DATABASE_URL ? 'postgresql' : 'pglite');
    expect(typeof health.database.migration).toBe('string');
    expect(health.database.migration).not.toBe('');
    expect(health.referenceData.territory?.vintage).toBe('COG 2026');
    expect(health.referenceData.territory?.version).toBeTruthy();
  });

  test('GET /communes?postalCode= lists every commune of the postal code', async ({ request }) => {
    const items = await list(request, 'postalCode=46140');
    const expected = communesOfPostalCode('46140');
    expect(expected.length).toBe(12); // guards the package read itself
    expect(items).toHaveLength(expected.length);
    expect(items.map((c) => c.code).sort()).toEqual(expected.map((c) => c.code).sort());
    for (const commune of items) {
      expectCommuneShape(commune);
      expect(commune.postalCodes).toContain('46140');
    }
    const luzech = items.find((c) => c.code === '46182');
    expect(luzech?.name).toBe('Luzech');
    expect(luzech?.epci).toEqual(LUZECH_EPCI);
    // Largest first.
    const populations = items.map((c) => c.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  test('GET /communes?q=cabries finds Cabriès first, with the INSEE population', async ({ request }) => {
    const items = await list(request, 'q=cabries');
    expect(items.length).toBeGreaterThan(0);
    const [first] = items;
    expectCommuneShape(first!);
    expect(first!.code).toBe('13019');
    expect(first!.name).toBe('Cabriès');
    expect(first!.population).toBe(packageCommune('13019').population);
    expect(first!.postalCodes).toEqual(packageCommune('13019').codesPostaux);
  });

  for (const q of ['st%20etienne', 'SAINT-ETIENNE', 'saint-%C3%A9tienne', 'St-Etienne']) {
    test(`GET /communes?q=${q} finds Saint-Étienne (42218) first`, async ({ request }) => {
      const items = await list(request, `q=${q}`);
      expect(items.length).toBeGreaterThan(1);
      expect(items[0]!.code).toBe('42218');
      expect(items[0]!.name).toBe('Saint-Étienne');
      // Other Saint-Étienne-… communes follow.
      for (const commune of items) expect(commune.name).toMatch(/^Saint-Étienne/);
    });
  }

  test('GET /communes?q= honours limit', async ({ request }) => {
    expect(await list(request, 'q=saint&limit=3')).toHaveLength(3);
    expect(await list(request, 'q=saint')).toHaveLength(20);
    expect(await list(request, 'q=saint&limit=100')).toHaveLength(100);
  });

  test('GET /communes?near= lists the nearest communes, nearest first', async ({ request }) => {
    const items = await list(request, 'near=43.44,5.38&limit=5');
    expect(items).toHaveLength(5);
    for (const commune of items) {
      expectCommuneShape(commune);
      expect(typeof commune.distanceKm).toBe('number');
    }
    const distances = items.map((c) => c.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeLessThan(3);
    expect(items.slice(0, 2).map((c) => c.code)).toContain('13019');
    expect(new Set(items.map((c) => c.code)).size).toBe(5);
  });

  test('GET /communes/13019', async ({ request }) => {
    const commune = await getJson<Commune>(request, '/api/v1/communes/13019');
    expectCommuneShape(commune);
    expect(commune).toMatchObject({
      code: '13019',
      name: 'Cabriès',
      kind: 'commune',
      parentCode: null,
      departement: '13',
      region: '93',
      population: packageCommune('13019').population,
    });
    expect(commune.epci?.code).toMatch(/^\d{9}$/);
    expect(commune.distanceKm).toBeUndefined();
    // Roughly where Cabriès is.
    expect(commune.lat).toBeGreaterThan(43.3);
    expect(commune.lat).toBeLessThan(43.6);
    expect(commune.lon).toBeGreaterThan(5.2);
    expect(commune.lon).toBeLessThan(5.5);
  });

  test('GET /communes/2A004 (Corsica) in either case', async ({ request }) => {
    for (const code of ['2A004', '2a004']) {
      const commune = await getJson<Commune>(request, `/api/v1/communes/${code}`);
      expectCommuneShape(commune);
      expect(commune).toMatchObject({ code: '2A004', name: 'Ajaccio', departement: '2A', region: '94' });
      expect(commune.postalCodes.sort()).toEqual([...packageCommune('2A004').codesPostaux!].sort());
    }
  });

  test('GET /communes/75101: an arrondissement and its commune', async ({ request }) => {
    const commune = await getJson<Commune>(request, '/api/v1/communes/75101');
    expect(commune).toMatchObject({ code: '75101', kind: 'arrondissement', parentCode: '75056', departement: '75' });
  });

  test('GET /epci/{siren}: members and their total population', async ({ request }) => {
    const epci = await getJson<{ code: string; name: string; kind: string; population: number; members: Commune[] }>(
      request,
      `/api/v1/epci/${LUZECH_EPCI.code}`,
    );
    expect(epci.code).toBe(LUZECH_EPCI.code);
    expect(epci.name).toBe(LUZECH_EPCI.name);
    expect(epci.kind).toBe('CC');
    expect(epci.members.length).toBeGreaterThan(10);
    for (const member of epci.members) {
      expectCommuneShape(member);
      expect(member.epci?.code).toBe(LUZECH_EPCI.code);
      expect(member.kind).toBe('commune');
    }
    expect(epci.members.map((m) => m.code)).toContain('46182');
    expect(new Set(epci.members.map((m) => m.code)).size).toBe(epci.members.length);
    expect(epci.population).toBe(epci.members.reduce((sum, m) => sum + m.population, 0));
    expect(epci.population).toBeGreaterThan(10_000);
  });

  test('GET /openapi.json describes the API in OpenAPI 3.1', async ({ request }) => {
    const doc = await getJson<{
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components?: { schemas?: Record<string, unknown> };
    }>(request, '/api/v1/openapi.json');
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    for (const path of ['/health', '/communes', '/communes/{code}', '/epci/{siren}']) {
      expect(Object.keys(doc.paths), path).toContain(path);
      expect(doc.paths[path]?.get?.responses?.['200'], `${path} 200`).toBeTruthy();
    }
    expect(doc.paths['/communes/{code}']?.get?.responses?.['404']).toBeTruthy();
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(expect.arrayContaining(['Commune', 'Epci', 'Problem']));
  });
});
