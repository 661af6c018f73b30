import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { testAccounts } from '../../../../tests/factories/accounts.ts';
import { queryRows, type Database } from '../db/index.ts';
import { seedDemo } from '../demo/seed.ts';
import { seededRandom } from '../random.ts';
import { buildSyntheticPlaces, DEMO_PLACES, generateSyntheticPlaces, removeSyntheticPlaces, seedDemoPlaces, type SyntheticCommune } from './demo.ts';
import { placesOfArea } from './areas.ts';
import { searchPlaces } from './search.ts';
import { getPlace } from './service.ts';
import { updatePlace } from './writes.ts';

let database: Database;
const db = () => database.db;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

async function counts() {
  const [row] = await queryRows<{ places: number; history: number; synthetic: number }>(
    db(),
    sql`select (select count(*) from places where not synthetic)::int as places, (select count(*) from place_history)::int as history,
               (select count(*) from places where synthetic)::int as synthetic`,
  );
  return row!;
}

describe('demo places', () => {
  it('creates the places the source documents name, then changes nothing when run again', async () => {
    expect(await seedDemoPlaces(db())).toEqual({ created: DEMO_PLACES.length, updated: 0, unchanged: 0, kept: 0 });
    const after = await counts();
    expect(after.places).toBe(DEMO_PLACES.length);
    expect(await seedDemoPlaces(db())).toEqual({ created: 0, updated: 0, unchanged: DEMO_PLACES.length, kept: 0 });
    expect(await counts()).toEqual(after);
    expect((await seedDemo(await testAccounts(database))).summary).toMatch(/demo data ready: \d+ communes .*; 5 places \(demo: 0 created, 0 updated, 5 unchanged\)/);
  });

  it('says what the documents say: Morez, 80 m², a dozen desks, La Cordée since 2014, public-private', async () => {
    const morez = await getPlace(db(), 'coworking-morez-haut-jura');
    expect(morez).toMatchObject({
      surfaceM2: 80,
      desks: 12,
      operatorName: 'La Cordée',
      operatorKind: 'public-private',
      status: 'open',
      coordinatesExact: false,
    });
    expect(morez.openedOn?.slice(0, 4)).toBe('2014');
    expect(morez.commune.epci?.code).toBe('243900479'); // CC Haut-Jura Arcade
    expect(morez.descriptionFr).toContain('illustratif');
    expect(morez.descriptionEn).toContain('illustrative');
    expect((await getPlace(db(), 'ocowork-cabries')).commune.name).toBe('Cabriès');
    expect((await getPlace(db(), 'ocowork-cabries')).services).toContain('domiciliation');
    expect((await getPlace(db(), 'morpho-buro-eguilles')).commune.name).toBe('Éguilles');
    expect((await getPlace(db(), 'make-it-marseille')).communeCode).toBe('13055');
    const project = await getPlace(db(), 'coworking-vallee-du-lot-et-du-vignoble');
    expect(project).toMatchObject({ status: 'open', operatorKind: 'council' });
    expect(project.commune.epci?.code).toBe('244600433'); // CC de la Vallée du Lot et du Vignoble
  });

  it('puts the demo places on the map of Aix-Marseille: the acceptance search around Cabriès', async () => {
    const result = await searchPlaces(db(), { near: { code: '13019' }, radiusKm: 30 });
    expect(result.items[0]!.slug).toBe('ocowork-cabries');
    expect(result.items.map((i) => i.slug)).toEqual(expect.arrayContaining(['morpho-buro-eguilles', 'make-it-marseille']));
    const metropole = await placesOfArea(db(), { epci: '200054807' });
    expect(metropole.largestCommunes!.communes.map((c) => c.code)).toEqual(['13055', '13001']);
  });

  it('brings a demo place back to its demo values when nobody edited it', async () => {
    await db().execute(sql`update places set desks = 99 where slug = 'make-it-marseille'`);
    expect(await seedDemoPlaces(db())).toMatchObject({ updated: 1, unchanged: DEMO_PLACES.length - 1 });
    expect((await getPlace(db(), 'make-it-marseille')).desks).toBe(DEMO_PLACES.find((p) => p.slug === 'make-it-marseille')!.desks);
  });

  it('keeps the edits its operator made, and says so', async () => {
    await updatePlace(db(), 'morpho-buro-eguilles', { desks: 7, descriptionFr: 'Décrit par son équipe.' }, { changedBy: 'a-person-id' });
    expect(await seedDemoPlaces(db())).toMatchObject({ kept: 1, updated: 0, unchanged: DEMO_PLACES.length - 1 });
    expect(await getPlace(db(), 'morpho-buro-eguilles')).toMatchObject({ desks: 7, descriptionFr: 'Décrit par son équipe.' });
    expect((await seedDemo(await testAccounts(database))).summary).toMatch(/\(demo: 0 created, 0 updated, 4 unchanged, 1 kept as edited\)/);
  });
});

describe('synthetic places', () => {
  const communes: SyntheticCommune[] = [
    { code: '75056', name: 'Paris', population: 2_000_000, lat: 48.85, lon: 2.35, regionName: 'Île-de-France' },
    { code: '46182', name: 'Luzech', population: 2_000, lat: 44.48, lon: 1.29, regionName: 'Occitanie' },
  ];

  it('is deterministic for a seed and differs for another', () => {
    const first = buildSyntheticPlaces(communes, 50, 42);
    const again = buildSyntheticPlaces(communes, 50, 42);
    const other = buildSyntheticPlaces(communes, 50, 43);
    expect(again).toEqual(first);
    expect(other.map((r) => r.id)).not.toEqual(first.map((r) => r.id));
    expect(new Set(first.map((r) => r.id)).size).toBe(50);
    expect(first.every((r) => r.synthetic === true && /^synthetic-42-\d+$/.test(r.slug))).toBe(true);
    expect(seededRandom(1)()).toBe(seededRandom(1)());
  });

  it('draws communes in proportion to their population', () => {
    const rows = buildSyntheticPlaces(communes, 2000, 7);
    const inLuzech = rows.filter((r) => r.communeCode === '46182').length;
    // Expected 2 in 2,000 (1 in 1,001).
    expect(inLuzech).toBeLessThan(15);
    expect(rows.filter((r) => r.communeCode === '75056').length).toBeGreaterThan(1985);
  });

  it('adds N places on real communes, once per seed, never listed by default', async () => {
    const before = await counts();
    expect(await generateSyntheticPlaces(db(), 300, 11)).toEqual({ created: 300 });
    expect(await generateSyntheticPlaces(db(), 300, 11)).toEqual({ created: 0 });
    const after = await counts();
    expect(after).toEqual({ ...before, synthetic: before.synthetic + 300 });
    expect((await searchPlaces(db())).total).toBe(before.places);
    const all = await searchPlaces(db(), { includeSynthetic: true, status: ['open', 'project', 'closed'] });
    expect(all.total).toBe(before.places + 300);
    // They are real places as far as search goes: around Paris, open on Monday, etc.
    const paris = await searchPlaces(db(), { includeSynthetic: true, near: { code: '75056' }, radiusKm: 30, openOn: 'mo' });
    expect(paris.total).toBeGreaterThan(10);
    const [row] = await queryRows<{ bad: number }>(
      db(),
      sql`select count(*)::int as bad from places p join communes c on c.code = p.commune_code
          where p.synthetic and earth_distance(ll_to_earth(p.lat, p.lon), ll_to_earth(c.lat, c.lon)) > 10000`,
    );
    expect(row!.bad).toBe(0);
    expect(await removeSyntheticPlaces(db())).toBe(300);
    expect(await counts()).toEqual(before);
  });
});
