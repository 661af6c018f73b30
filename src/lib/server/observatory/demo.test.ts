import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import type { Database } from '../db/index.ts';
import { seedDemoPlaces } from '../places/index.ts';
import { getCommune } from '../territory/index.ts';
import { seedDemoObservatory } from './demo.ts';
import { flowsInUse } from './flows.ts';
import { observatoryContours, observatoryOf } from './service.ts';
import { computeSiting } from './siting.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoPlaces(database.db);
});
afterAll(() => database?.close());

describe('observatory demo', () => {
  it('imports synthetic flows once, marked synthetic, and the siting of the demo council says so', async () => {
    const first = await seedDemoObservatory(database.db);
    expect(first.outcome).toBe('applied');
    expect(first.rejected).toBe(0);
    expect((await seedDemoObservatory(database.db)).outcome).toBe('unchanged');
    expect(await flowsInUse(database.db)).toMatchObject({ synthetic: true, vintage: 2021 });
    const ccvlv = (await getCommune(database.db, '46182')).epci!.code;
    const siting = await computeSiting(database.db, { territory: { kind: 'epci', code: ccvlv }, k: 1 });
    expect(siting.demand.source).toBe('flows');
    expect(siting.demand.description).toContain('SYNTHETIC');
    // A territory the synthetic file does not cover falls back to the gravity estimate, said so.
    expect((await computeSiting(database.db, { territory: { kind: 'epci', code: (await getCommune(database.db, '46102')).epci!.code }, k: 1 })).demand.source).toBe(
      'gravity_estimate',
    );
  }, 120_000);

  it('shows the concentration of Aix-Marseille-Provence, the CCVLV’s one open place, and the Lot’s bourgs out of reach', async () => {
    const amp = await observatoryOf(database.db, 'epci', (await getCommune(database.db, '13055')).epci!.code);
    expect(amp.desks.total).toBeGreaterThan(0);
    expect(amp.topTwo.communes.map((c) => c.code)).toContain('13055');
    const ccvlv = await observatoryOf(database.db, 'epci', (await getCommune(database.db, '46182')).epci!.code);
    expect(ccvlv.places).toMatchObject({ open: 1, projects: 0 });
    // The Luzech place puts every bourg of the CCVLV within reach; farther in the Lot, some are not.
    expect(ccvlv.outOfReach).toEqual([]);
    const lot = await observatoryOf(database.db, 'departement', '46');
    expect(lot.outOfReach.length).toBeGreaterThan(0);
  });

  it('draws the CCVLV as a choropleth on synthetic cells, said to be synthetic; the Lot elsewhere has no contours', async () => {
    const code = (await getCommune(database.db, '46182')).epci!.code;
    const ccvlv = await observatoryOf(database.db, 'epci', code);
    expect(ccvlv.contours).toMatchObject({ loaded: ccvlv.territory.communes, synthetic: true });
    const { features } = await observatoryContours(database.db, 'epci', code);
    expect(features).toHaveLength(ccvlv.territory.communes);
    const luzech = features.find((f) => f.properties.code === '46182')!;
    expect(luzech.geometry.type).toBe('Polygon');
    // Luzech holds the CCVLV's place (within 10 km: class 0); the communes far from it are in higher classes.
    expect(luzech.properties.reachClass).toBe(0);
    expect(Math.max(...features.map((f) => f.properties.reachClass))).toBeGreaterThan(0);
    const figeac = await observatoryOf(database.db, 'commune', '46102');
    expect(figeac.contours.loaded).toBe(0);
  });
});
