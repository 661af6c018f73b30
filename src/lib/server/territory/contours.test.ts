import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { queryRows, type Database } from '../db/index.ts';
import { contourCoverage, contoursOf, importContours, simplifyRing } from './contours.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

/** A square around a point, with many points along its sides (what simplification takes away). */
function square(lon: number, lat: number, size = 0.02, perSide = 50): number[][] {
  const corners = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size]];
  const ring: number[][] = [];
  corners.forEach((corner, k) => {
    const next = corners[(k + 1) % 4]!;
    for (let i = 0; i < perSide; i++) ring.push([corner[0]! + ((next[0]! - corner[0]!) * i) / perSide, corner[1]! + ((next[1]! - corner[1]!) * i) / perSide]);
  });
  return [...ring, ring[0]!];
}

const feature = (properties: Record<string, unknown>, coordinates: unknown = [square(1.43, 44.47)], type = 'Polygon') => ({ type: 'Feature', properties, geometry: { type, coordinates } });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const count = async () => Number((await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from commune_contours`))[0]!.n);

describe('commune contours', () => {
  it('imports a FeatureCollection by INSEE code, simplified, and again without change', async () => {
    const file = collection(feature({ INSEE_COM: '46182', NOM: 'Luzech' }), feature({ code: '46042' }, [[square(1.44, 44.45)], [square(1.5, 44.5)]], 'MultiPolygon'));
    const report = await importContours(database.db, file, { fileName: 'communes.geojson' });
    expect(report).toMatchObject({ features: 2, imported: 2, pointsRead: 3 * 201 });
    expect(report.pointsKept).toBeLessThan(20);
    const contours = await contoursOf(database.db, ['46182', '46042', '46102']);
    expect([...contours.keys()].sort()).toEqual(['46042', '46182']);
    expect(contours.get('46042')!.type).toBe('MultiPolygon');
    expect(await contourCoverage(database.db, ['46182', '46042', '46102'])).toEqual({ loaded: 2, synthetic: false, sources: ['communes.geojson'] });
    await importContours(database.db, file, { fileName: 'communes.geojson' });
    expect(await count()).toBe(2);
  });

  it('reports every bad feature and imports nothing: no code, unknown commune, twice, bad geometry', async () => {
    const before = await count();
    const file = collection(
      feature({ code: '46102' }),
      feature({ nom: 'Sans code' }),
      feature({ code: '99999' }),
      feature({ code: '46102' }),
      feature({ code: '46201' }, [[[1, 2], [3, 4]]]),
    );
    const error = await domainRejection(importContours(database.db, file, { fileName: 'bad.geojson' }));
    expect(error).toMatchObject({ code: 'contours_invalid_rows' });
    expect(error.issues.map((i) => [i.message, i.params?.row])).toEqual([
      ['contours_code_missing', 2],
      ['contours_duplicate_code', 4],
      ['contours_bad_geometry', 5],
    ]);
    // Codes are checked against the communes once the file reads well.
    const unknown = await domainRejection(importContours(database.db, collection(feature({ code: '46102' }), feature({ code: '99999' })), { fileName: 'x' }));
    expect(unknown.issues).toEqual([{ path: 'features.2.properties', message: 'contours_unknown_code', params: { row: 2, code: '99999' } }]);
    expect(await count()).toBe(before);
    expect(await domainRejection(importContours(database.db, '{"type":"Feature"}', { fileName: 'x' }))).toMatchObject({ code: 'contours_not_feature_collection' });
    expect(await domainRejection(importContours(database.db, 'not json', { fileName: 'x' }))).toMatchObject({ code: 'contours_file_malformed' });
  });

  it('simplification keeps the corners of a ring and closes it', () => {
    const ring = simplifyRing(square(1, 44) as [number, number][]);
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring.at(-1));
  });
});
