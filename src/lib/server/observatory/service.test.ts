import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { queryRows, type Database } from '../db/index.ts';
import { createPlace } from '../places/index.ts';
import { observatoryCsv, observatoryOf } from './service.ts';

let database: Database;
const CAHORS = '46042';
const LUZECH = '46182';
const FIGEAC = '46102';
beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await createPlace(db, { name: 'Cowork Cahors', kind: 'coworking', communeCode: CAHORS, desks: 10, openedOn: '2019-03-01' });
  await createPlace(db, { name: 'Ancien Cahors', kind: 'coworking', communeCode: CAHORS, desks: 8, openedOn: '2015-01-01', status: 'closed' });
  await createPlace(db, { name: 'Quai Luzech', kind: 'tiers-lieu', communeCode: LUZECH, desks: 6, openedOn: '2021-09-01' });
  await createPlace(db, { name: 'Atelier Luzech', kind: 'fablab', communeCode: LUZECH });
  await createPlace(db, { name: 'Projet Albas', kind: 'tiers-lieu', communeCode: '46001', desks: 4, status: 'project' });
  const bench = await createPlace(db, { name: 'Banc', kind: 'coworking', communeCode: FIGEAC, desks: 99 });
  await db.execute(sql`update places set synthetic = true where id = ${bench.id}`);
});
afterAll(() => database?.close());

describe('observatoryOf', () => {
  it('counts places and desks of a département, unknown desks apart, and the share of the top two communes', async () => {
    const lot = await observatoryOf(database.db, 'departement', '46', new Date('2026-12-07T12:00:00Z'));
    const [{ population, communes }] = await queryRows<{ population: string; communes: string }>(
      database.db,
      sql`select sum(population) as population, count(*) as communes from communes where departement_code = '46' and kind = 'commune'`,
    ) as [{ population: string; communes: string }];
    expect(lot.territory).toMatchObject({ kind: 'departement', code: '46', name: 'Lot', population: Number(population), communes: Number(communes) });
    expect(lot.places).toEqual({ open: 3, projects: 1, closed: 1 });
    expect(lot.desks.total).toBe(16);
    expect(lot.desks.openPlacesWithUnknownDesks).toBe(1);
    expect(lot.desks.per10000).toBeCloseTo((16 * 10_000) / Number(population), 2);
    expect(lot.topTwo.communes.map((c) => [c.code, c.desks])).toEqual([[CAHORS, 10], [LUZECH, 6]]);
    expect(lot.topTwo.share).toBe(1);
    expect(lot.openingsByYear).toEqual([{ year: 2015, places: 1 }, { year: 2019, places: 1 }, { year: 2021, places: 1 }]);
    expect(lot.openingsWithoutYear).toBe(1);
    expect(lot.asOf).toBe('2026-12-07');
    for (const source of Object.values(lot.sources)) {
      expect(source.source.length).toBeGreaterThan(5);
      expect(source.method.length).toBeGreaterThan(20);
    }
    expect(lot.sources.reach.method).toContain('1.3');
  });

  it('reach grows with the radius; Figeac, a small town 50 km from Cahors, is out of reach', async () => {
    const lot = await observatoryOf(database.db, 'departement', '46');
    const [r10, r15, r30] = lot.reach;
    expect([r10!.radiusKm, r15!.radiusKm, r30!.radiusKm]).toEqual([10, 15, 30]);
    expect(r10!.population).toBeGreaterThan(0);
    expect(r10!.population).toBeLessThanOrEqual(r15!.population);
    expect(r15!.population).toBeLessThanOrEqual(r30!.population);
    expect(r30!.population).toBeLessThan(lot.territory.population);
    const cahors = lot.communes.find((c) => c.code === CAHORS)!;
    expect(cahors).toMatchObject({ open: 1, closed: 1, desks: 10, nearestOpenKm: 0 });
    const figeac = lot.outOfReach.find((c) => c.code === FIGEAC);
    expect(figeac).toMatchObject({ kind: 'small_town' });
    expect(figeac!.nearestOpenKm ?? Infinity).toBeGreaterThan(15);
    // The synthetic place in Figeac is not in the directory's figures.
    expect(lot.communes.find((c) => c.code === FIGEAC)!.desks).toBe(0);
    expect(lot.outOfReach.some((c) => c.code === CAHORS || c.code === LUZECH)).toBe(false);
  });

  it('a place just outside the territory puts its neighbours within reach', async () => {
    const before = await observatoryOf(database.db, 'commune', '46156');
    expect(before.places.open).toBe(0);
    // Prayssac (46225) is 5 km from Luzech: its own centre is within 10 km of the Luzech places.
    const prayssac = await observatoryOf(database.db, 'commune', '46225');
    expect(prayssac.reach[0]!.share).toBe(1);
  });

  it('works for an EPCI, a région and a commune; an unknown code is a 404', async () => {
    const [{ siren }] = (await queryRows<{ siren: string }>(database.db, sql`select epci_siren as siren from communes where code = ${LUZECH}`)) as [{ siren: string }];
    const epci = await observatoryOf(database.db, 'epci', siren);
    expect(epci.desks.total).toBe(6);
    const occitanie = await observatoryOf(database.db, 'region', '76');
    expect(occitanie.territory.communes).toBeGreaterThan(4000);
    expect(occitanie.desks.total).toBe(16);
    expect((await domainRejection(observatoryOf(database.db, 'epci', '000000000')))).toMatchObject({ kind: 'not_found', code: 'epci_not_found' });
    expect((await domainRejection(observatoryOf(database.db, 'commune', '99999')))).toMatchObject({ kind: 'not_found', code: 'commune_not_found' });
  });

  it('exports the per-commune table as CSV, one line per commune', async () => {
    const lot = await observatoryOf(database.db, 'departement', '46');
    const lines = observatoryCsv(lot).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('code_insee,commune,population,lieux_ouverts,projets,lieux_fermes,postes,lieux_postes_inconnus,postes_pour_10000_hab,km_lieu_ouvert_le_plus_proche');
    expect(lines).toHaveLength(lot.communes.length + 1);
    expect(lines.find((l) => l.startsWith(`${CAHORS},`))).toMatch(/^46042,Cahors,\d+,1,0,1,10,0,[\d.]+,0$/);
  });
});
