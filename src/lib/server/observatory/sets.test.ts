import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import type { Actor } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { createPlace } from '../places/index.ts';
import { observatoryPrivacy } from './privacy.ts';
import { observatoryOf } from './service.ts';
import { communeCodesOfText, deleteCommuneSet, listCommuneSets, saveCommuneSet } from './sets.ts';
import { computeSiting, getScenario, runSiting, saveScenario, sitesCsv, sitesGeoJson, SITES_CSV_COLUMNS } from './siting.ts';

// Saved sets of communes as territories, and the exports of a saved siting scenario.

const council: Actor = {
  kind: 'user',
  userId: 'user-council',
  email: 'elue@example.org',
  name: 'Élue',
  platformRole: null,
  memberships: [{ organizationId: 'org-council', organizationKind: 'territory', role: 'staff', scopeLevel: 'departement', scopeCode: '46' }],
} as unknown as Actor;
const other: Actor = { ...council, userId: 'user-other', memberships: [{ ...(council as { memberships: object[] }).memberships[0]!, organizationId: 'org-other' }] } as unknown as Actor;
const operator: Actor = { ...council, userId: 'user-op', memberships: [{ ...(council as { memberships: object[] }).memberships[0]!, organizationId: 'org-op', organizationKind: 'operator' }] } as unknown as Actor;
/** Luzech, Cahors, Figeac and Capdenac-Gare: a set across two EPCI. */
const CODES = ['46182', '46042', '46102', '46053'];

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await createPlace(database.db, { name: 'Cowork Cahors', kind: 'coworking', communeCode: '46042', desks: 10 });
});
afterAll(() => database?.close());

describe('sets of communes', () => {
  it('a council saves a set; its observatory and its siting treat it as a territory', async () => {
    const ctx = { db: database.db, actor: council };
    expect(communeCodesOfText('46182, 46042;46102\n46053 46182')).toEqual(CODES);
    const { id } = await saveCommuneSet(ctx, { name: 'Vallée et Figeac', communes: CODES });
    const observatory = await observatoryOf(database.db, 'set', String(id));
    expect(observatory.territory).toMatchObject({ kind: 'set', code: String(id), name: 'Vallée et Figeac', communes: 4 });
    expect(observatory.places.open).toBe(1);
    expect(observatory.desks.total).toBe(10);
    const siting = await computeSiting(database.db, { territory: { kind: 'set', code: String(id) }, k: 1 });
    expect(CODES).toContain(siting.sites[0]!.code);
    expect(siting.sites[0]!.code).not.toBe('46042');
    expect((await listCommuneSets(ctx)).map((s) => [s.id, s.communes])).toEqual([[id, 4]]);
    expect((await observatoryPrivacy.export(database.db, 'user-council')) as { communeSets: { name: string }[] }).toMatchObject({ communeSets: [{ name: 'Vallée et Figeac' }] });
    // Another organization can read its observatory (public) but not delete it.
    expect(await domainRejection(deleteCommuneSet({ db: database.db, actor: other }, id))).toMatchObject({ kind: 'not_found' });
    await deleteCommuneSet(ctx, id);
    expect(await domainRejection(observatoryOf(database.db, 'set', String(id)))).toMatchObject({ kind: 'not_found', code: 'set_not_found' });
  }, 60_000);

  it('refuses unknown codes, an empty set, a missing name, and people outside a territory organization', async () => {
    const ctx = { db: database.db, actor: council };
    expect(await domainRejection(saveCommuneSet(ctx, { name: 'X', communes: ['46182', '99999', 'abc'] }))).toMatchObject({ code: 'set_communes_unknown', params: { codes: 'ABC, 99999' } });
    expect(await domainRejection(saveCommuneSet(ctx, { name: 'X', communes: [] }))).toMatchObject({ code: 'set_size_invalid' });
    expect(await domainRejection(saveCommuneSet(ctx, { name: ' ', communes: ['46182'] }))).toMatchObject({ code: 'set_name_invalid' });
    expect(await domainRejection(saveCommuneSet({ db: database.db, actor: operator }, { name: 'X', communes: ['46182'] }))).toMatchObject({ kind: 'forbidden' });
    expect(await listCommuneSets(ctx)).toEqual([]);
  });
});

describe('exports of a saved scenario', () => {
  it('gives the sites as CSV and as GeoJSON points, to the organization only', async () => {
    const ctx = { db: database.db, actor: council };
    const request = { territory: { kind: 'departement' as const, code: '46' }, k: 2 };
    const result = await runSiting(ctx, request);
    const { id } = await saveScenario(ctx, { name: 'Deux lieux', request, result });
    const scenario = await getScenario(ctx, id);
    const csv = sitesCsv(scenario.result).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv[0]).toBe(SITES_CSV_COLUMNS.join(','));
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain(`1,${result.sites[0]!.code},`);
    const geojson = await sitesGeoJson(database.db, scenario.result);
    expect(geojson.features.map((f) => f.properties.code)).toEqual(result.sites.map((s) => s.code));
    const [lon, lat] = geojson.features[0]!.geometry.coordinates;
    expect(lat).toBeGreaterThan(44);
    expect(lon).toBeGreaterThan(1);
    expect(await domainRejection(getScenario({ db: database.db, actor: other }, id))).toMatchObject({ kind: 'not_found', code: 'siting_scenario_not_found' });
    expect(await domainRejection(getScenario(ctx, 'not-a-uuid'))).toMatchObject({ kind: 'not_found' });
  }, 60_000);
});
