import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { queryRows, type Database } from '../db/index.ts';
import { importCentroids, parseCentroidFile } from './centroids.ts';
import { getCommune } from './service.ts';
import { loadTerritory } from './load.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

async function snapshot() {
  const [result] = await queryRows<{ digest: string }>(
    database.db,
    sql`select md5(string_agg(code || ':' || lat || ':' || lon || ':' || coordinates_source, ',' order by code)) as digest from communes`,
  );
  return result!.digest;
}

describe('parseCentroidFile', () => {
  it('reads the geo.api.gouv.fr JSON', () => {
    const { format, rows } = parseCentroidFile(
      JSON.stringify([{ code: '13019', nom: 'Cabriès', centre: { type: 'Point', coordinates: [5.38, 43.44] } }]),
    );
    expect(format).toBe('geoapi-json');
    expect(rows).toEqual([{ row: 1, code: '13019', lat: 43.44, lon: 5.38 }]);
  });

  it.each([
    ['semicolons with a BOM', '\uFEFFcode_insee;nom_commune;latitude_centre;longitude_centre\n13019;Cabriès;43.44;5.38\n'],
    ['commas', 'code_insee,latitude_centre,longitude_centre\r\n13019,43.44,5.38\r\n'],
    ['decimal commas in a ;-separated file', 'code_insee;latitude_centre;longitude_centre\n13019;43,44;5,38\n'],
  ])('reads the data.gouv.fr CSV with %s', (_label, text) => {
    const { format, rows } = parseCentroidFile(text);
    expect(format).toBe('csv');
    expect(rows).toEqual([{ row: 2, code: '13019', lat: 43.44, lon: 5.38 }]);
  });

  it('reports every bad row with its number', () => {
    const text = [
      'code_insee;latitude_centre;longitude_centre',
      '13019;43.44;5.38',
      '1301;43.44;5.38',
      '46182;;1.28',
      '46182;95;1.28',
      '13019;43.5;5.4',
    ].join('\n');
    try {
      parseCentroidFile(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ kind: 'invalid', code: 'centroid_file_invalid_rows', params: { count: 4 } });
      const issues = (error as { issues: { path: string; message: string }[] }).issues;
      expect(issues.map((i) => [i.path, i.message])).toEqual([
        ['rows.3.code', 'centroid_bad_code'],
        ['rows.4.centre', 'centroid_bad_coordinates'],
        ['rows.5.centre', 'centroid_bad_coordinates'],
        ['rows.6.code', 'centroid_duplicate_code'],
      ]);
    }
  });

  it.each([
    ['malformed JSON', '[{"code": "13019",', 'centroid_file_malformed'],
    ['an unknown CSV header', 'insee;lat;lon\n13019;43;5\n', 'centroid_file_unrecognised'],
    ['an empty array', '[]', 'centroid_file_empty'],
  ])('rejects %s', (_label, text, code) => {
    expect(() => parseCentroidFile(text)).toThrow(expect.objectContaining({ code }));
  });
});

describe('importCentroids', () => {
  it('changes nothing when any row is invalid', async () => {
    const before = await snapshot();
    const text = JSON.stringify([
      { code: '13019', centre: { coordinates: [5.0, 43.0] } },
      { code: '46182', centre: { coordinates: [1.28] } },
    ]);
    await expect(importCentroids(database.db, text)).rejects.toMatchObject({ code: 'centroid_file_invalid_rows' });
    expect(await snapshot()).toBe(before);
  });

  it('imports the full official file, reports unknown codes, is idempotent and survives a territory reload', async () => {
    // The commune centres shipped in the repository, unless MAILLAGE_CENTROIDS_FILE names another file.
    const officialPath = process.env.MAILLAGE_CENTROIDS_FILE ?? fileURLToPath(new URL('./data/communes-centre.geoapi.json.gz', import.meta.url));
    const bytes = readFileSync(officialPath);
    const text = (officialPath.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    const withUnknown = text.replace(/^\s*\[/, '[{"code":"99999","nom":"Nulle part","centre":{"type":"Point","coordinates":[2,46]}},');
    const expectedRows = (JSON.parse(withUnknown) as unknown[]).length;
    expect(expectedRows).toBeGreaterThan(34000);

    const first = await importCentroids(database.db, withUnknown);
    expect(first.rows).toBe(expectedRows);
    expect(first.unknownCodes).toEqual(['99999']);
    expect(first.updated).toBe(expectedRows - 1);
    const cabries = await getCommune(database.db, '13019');
    expect(cabries.coordinatesSource).toBe('imported');

    const digest = await snapshot();
    const second = await importCentroids(database.db, withUnknown);
    expect(second).toMatchObject({ updated: 0, unchanged: expectedRows - 1 });
    expect(await snapshot()).toBe(digest);

    await loadTerritory(database.db, { force: true });
    expect(await snapshot()).toBe(digest);
  }, 300_000);
});
