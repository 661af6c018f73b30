import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import type { Database } from '../db/index.ts';
import { createPlace } from './writes.ts';
import { networkSummary } from './summary.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('networkSummary', () => {
  it('counts open places, their desks and their communes; projects apart; synthetic places never', async () => {
    expect(await networkSummary(database.db)).toEqual({ places: 0, desks: 0, communes: 0, projects: 0 });
    await createPlace(database.db, { name: 'Quai Luzech', kind: 'tiers-lieu', communeCode: '46182', desks: 6 });
    await createPlace(database.db, { name: 'Atelier Luzech', kind: 'fablab', communeCode: '46182' });
    await createPlace(database.db, { name: 'Cowork Cahors', kind: 'coworking', communeCode: '46042', desks: 10 });
    await createPlace(database.db, { name: 'Projet Albas', kind: 'tiers-lieu', communeCode: '46001', desks: 4, status: 'project' });
    const bench = await createPlace(database.db, { name: 'Banc d’essai', kind: 'coworking', communeCode: '46102', desks: 99 });
    await database.db.execute(sql`update places set synthetic = true where id = ${bench.id}`);
    expect(await networkSummary(database.db)).toMatchObject({ places: 3, desks: 16, communes: 2, projects: 1 });
  });
});
