import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { ANONYMOUS, type Actor } from '../accounts/index.ts';
import { queryRows, type Database } from '../db/index.ts';
import { createPlace } from '../places/index.ts';
import { maillageSavings } from '../simulator/index.ts';
import { importFlows } from './flows.ts';
import { computeSiting, listScenarios, runSiting, saveScenario } from './siting.ts';
import { gravityDemand, kmAvoidedPerTrip } from './demand.ts';

const COUNCIL = 'org-council';
const council: Actor = {
  kind: 'user',
  userId: 'user-council',
  name: 'Élue',
  email: 'elue@example.org',
  emailVerified: true,
  platformRole: null,
  memberships: [{ organizationId: COUNCIL, organizationKind: 'territory', role: 'staff', scopeLevel: 'departement', scopeCode: '46' }],
};
const operator: Actor = { ...council, userId: 'user-operator', memberships: [{ ...council.memberships[0]!, organizationId: 'org-op', organizationKind: 'operator' }] };

let database: Database;
let lotEpci: string;
beforeAll(async () => {
  database = await createTestDatabase();
  await createPlace(database.db, { name: 'Cowork Cahors', kind: 'coworking', communeCode: '46042', desks: 10 });
  [{ siren: lotEpci }] = (await queryRows<{ siren: string }>(database.db, sql`select epci_siren as siren from communes where code = '46102'`)) as [{ siren: string }];
});
afterAll(() => database?.close());

const bytes = (text: string | Uint8Array) =>
  (async function* () {
    yield typeof text === 'string' ? new TextEncoder().encode(text) : text;
  })();

describe('siting', () => {
  it('chooses k communes of the département, explains each, and reports a bound with its gap (gravity estimate)', async () => {
    const result = await computeSiting(database.db, { territory: { kind: 'departement', code: '46' }, k: 3 });
    expect(result.demand.source).toBe('gravity_estimate');
    expect(result.demand.description).toMatch(/^ESTIMATE/);
    expect(result.sites).toHaveLength(3);
    // Cahors has an open place: never a default candidate.
    expect(result.sites.map((s) => s.code)).not.toContain('46042');
    for (const site of result.sites) {
      expect(site.population).toBeGreaterThanOrEqual(2000);
      expect(site.catchment.length).toBeGreaterThan(0);
      expect(site.workers).toBeGreaterThan(0);
      expect(site.co2eKgAvoided).toBeGreaterThan(0);
      expect(site.staysChosen.map((s) => s.radiusKm)).toEqual([10, 15, 30]);
      expect(site.staysChosen.find((s) => s.radiusKm === 15)!.chosen).toBe(true);
    }
    expect(result.objective).toBeGreaterThan(0);
    expect(result.bound).toBeGreaterThanOrEqual(result.objective);
    expect(result.gap).toBeGreaterThanOrEqual(0);
    expect(result.gap).toBeLessThan(0.01);
    expect(Math.abs(result.sites.reduce((sum, s) => sum + s.kmAvoided, 0) - result.objective)).toBeLessThanOrEqual(result.sites.length * 3);
  }, 60_000);

  it('pinning a commune puts it in; excluding one takes it out', async () => {
    const base = await computeSiting(database.db, { territory: { kind: 'departement', code: '46' }, k: 2 });
    const first = base.sites[0]!.code;
    const excluded = await computeSiting(database.db, { territory: { kind: 'departement', code: '46' }, k: 2, excluded: [first] });
    expect(excluded.sites.map((s) => s.code)).not.toContain(first);
    expect(excluded.objective).toBeLessThanOrEqual(base.objective);
    // Gourdon (46127) pinned: it is in, and marked pinned.
    const pinned = await computeSiting(database.db, { territory: { kind: 'departement', code: '46' }, k: 2, pinned: ['46127'] });
    expect(pinned.sites.find((s) => s.code === '46127')).toMatchObject({ pinned: true });
    expect(pinned.objective).toBeLessThanOrEqual(base.objective);
  }, 60_000);

  it('existing open places are kept as built: a place in a candidate commune lowers what it adds', async () => {
    const before = await computeSiting(database.db, { territory: { kind: 'epci', code: lotEpci }, k: 1, candidates: ['46102'] });
    const place = await createPlace(database.db, { name: 'Figeac Lab', kind: 'tiers-lieu', communeCode: '46102', desks: 8 });
    const after = await computeSiting(database.db, { territory: { kind: 'epci', code: lotEpci }, k: 1, candidates: ['46102'] });
    expect(before.objective).toBeGreaterThan(0);
    expect(after.objective).toBe(0);
    await database.db.execute(sql`delete from places where id = ${place.id}`);
  }, 60_000);

  it('refuses bad requests with a 4xx and a code', async () => {
    const territory = { kind: 'departement' as const, code: '46' };
    const cases: [Parameters<typeof computeSiting>[1], string][] = [
      [{ territory, k: 0 }, 'siting_k_out_of_range'],
      [{ territory, k: 3, candidates: ['46102', '46127'] }, 'siting_k_out_of_range'],
      [{ territory, k: 1, radiusKm: 0 }, 'siting_radius_invalid'],
      [{ territory, k: 1, radiusKm: 101 }, 'siting_radius_invalid'],
      [{ territory, k: 1, pinned: ['31555'] }, 'siting_commune_outside'],
      [{ territory, k: 1, pinned: ['46102'], excluded: ['46102'] }, 'siting_pinned_excluded'],
      [{ territory, k: 1, pinned: ['46102', '46127'] }, 'siting_too_many_pinned'],
      [{ territory, k: 1, localShare: 1.5 }, 'siting_local_share_invalid'],
    ];
    for (const [request, code] of cases) expect(await domainRejection(computeSiting(database.db, request))).toMatchObject({ kind: 'invalid', code });
    expect(await domainRejection(computeSiting(database.db, { territory: { kind: 'epci', code: '000000000' }, k: 1 }))).toMatchObject({ kind: 'not_found' });
  }, 60_000);

  it('belongs to territory organizations: members run and save scenarios, others are refused', async () => {
    expect(await domainRejection(runSiting({ db: database.db, actor: ANONYMOUS }, { territory: { kind: 'departement', code: '46' }, k: 1 }))).toMatchObject({ kind: 'unauthenticated' });
    expect(await domainRejection(runSiting({ db: database.db, actor: operator }, { territory: { kind: 'departement', code: '46' }, k: 1 }))).toMatchObject({
      kind: 'forbidden',
      code: 'siting_territory_organization_required',
    });
    const request = { territory: { kind: 'epci' as const, code: lotEpci }, k: 1 };
    const result = await runSiting({ db: database.db, actor: council }, request);
    const { id } = await saveScenario({ db: database.db, actor: council }, { name: 'Figeac ou Capdenac', request, result });
    const saved = await listScenarios({ db: database.db, actor: council });
    expect(saved.map((s) => s.id)).toEqual([id]);
    expect(saved[0]!.result.sites.map((s) => s.code)).toEqual(result.sites.map((s) => s.code));
    expect(await domainRejection(listScenarios({ db: database.db, actor: operator }))).toMatchObject({ kind: 'forbidden' });
  }, 60_000);

  it('uses the flows once imported: the recommendation follows them, and re-importing changes nothing', async () => {
    const territory = { kind: 'epci' as const, code: lotEpci };
    const [{ count }] = (await queryRows<{ count: string }>(database.db, sql`select count(*) as count from communes where epci_siren = ${lotEpci} and population >= 2000`)) as [{ count: string }];
    expect(Number(count)).toBeGreaterThanOrEqual(2);
    // Capdenac's commuters drive to Toulouse; Figeac's work at home.
    // The file covers every commune of the EPCI (the flows are used for a territory they cover): most stay home.
    const members = await queryRows<{ code: string }>(database.db, sql`select code from communes where epci_siren = ${lotEpci} and kind = 'commune'`);
    const staying = members.filter((c) => !['46053', '46102'].includes(c.code)).map((c) => `${c.code};x;${c.code};x;10`);
    const file = ['CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P', '46053;Capdenac;31555;Toulouse;900', '46102;Figeac;46102;Figeac;3000', '46102;Figeac;BE540;Belgique;3', ...staying].join('\n');
    const report = await importFlows(database.db, bytes(file), { fileName: 'flows.csv' });
    expect(report).toMatchObject({ outcome: 'applied', vintage: 2021, rows: 3 + staying.length, accepted: 3 + staying.length, abroad: 1, fragile: 1 + staying.length, rejected: 0 });
    const withFlows = await computeSiting(database.db, { territory, k: 1, candidates: ['46102', '46053'] });
    expect(withFlows.demand).toMatchObject({ source: 'flows', flows: { vintage: 2021 } });
    expect(withFlows.sites.map((s) => s.code)).toEqual(['46053']);
    const again = await importFlows(database.db, bytes(file), { fileName: 'flows.csv' });
    expect(again.outcome).toBe('unchanged');
    const same = await computeSiting(database.db, { territory, k: 1, candidates: ['46102', '46053'] });
    expect(same.sites).toEqual(withFlows.sites);
    await database.db.execute(sql`delete from commuting_flows`);
    await database.db.execute(sql`delete from commuting_flow_imports`);
  }, 60_000);
});

describe('flows importer', () => {
  const count = async () => Number(((await queryRows<{ n: string }>(database.db, sql`select count(*) as n from commuting_flows`)) as [{ n: string }])[0].n);

  it('reports bad rows one by one and writes nothing', async () => {
    const before = await count();
    const file = [
      'CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C20_ACTOCC15P',
      '46102;Figeac;46042;Cahors;250',
      '99999;Nulle part;46042;Cahors;10',
      '46102;Figeac;31555;Toulouse;-4',
      '46102;Figeac;46042;Cahors;12',
      '46102;Figeac;31555;Toulouse;abc',
      '46102;Figeac',
    ].join('\r\n');
    const report = await importFlows(database.db, bytes(file), { fileName: 'bad.csv' });
    expect(report.outcome).toBe('rejected');
    expect(report.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(report.errors[0]!.message).toContain('99999');
    expect(report.errors[1]!.message).toContain('negative');
    expect(report.errors[2]!.message).toContain('twice');
    expect(await count()).toBe(before);
  });

  it('finds a pair given twice in a file otherwise valid, and writes nothing', async () => {
    const before = await count();
    const file = ['CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P', '46102;Figeac;46042;Cahors;250', '46042;Cahors;46102;Figeac;30', '46102;Figeac;46042;Cahors;250'].join('\n');
    const report = await importFlows(database.db, bytes(file), { fileName: 'twice.csv' });
    expect(report).toMatchObject({ outcome: 'rejected', rows: 3, accepted: 2, rejected: 1 });
    expect(report.errors).toEqual([{ line: 4, message: 'the pair 46102 → 46042 appears twice' }]);
    expect(await count()).toBe(before);
  });

  it('refuses missing columns and a file that is not UTF-8, and a dry run writes nothing', async () => {
    const before = await count();
    expect(await domainRejection(importFlows(database.db, bytes('CODGEO;LIBGEO;DCLT\n46102;Figeac;46042\n'), { fileName: 'x' }))).toMatchObject({ code: 'flows_columns_missing' });
    const latin1 = new Uint8Array([...new TextEncoder().encode('CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C20_ACTOCC15P\n46102;Figeac;46042;'), 0x43, 0xe9, 0x3b, 0x31, 0x0a]);
    expect(await domainRejection(importFlows(database.db, bytes(latin1), { fileName: 'x' }))).toMatchObject({ code: 'flows_encoding' });
    const dry = await importFlows(database.db, bytes('\uFEFFCODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C19_ACTOCC15P\n13201;Marseille 1er;13055;Marseille;500\n'), { fileName: 'x', dryRun: true });
    expect(dry).toMatchObject({ outcome: 'dry_run', vintage: 2019, accepted: 1 });
    expect(await count()).toBe(before);
  });
});

describe('demand', () => {
  it('counts only commuters whose work is farther than the place, with the simulator\'s yearly km', () => {
    const groups = [{ workers: 10, km: 30 }, { workers: 5, km: 4 }];
    expect(kmAvoidedPerTrip(groups, 5)).toEqual({ workers: 10, km: 250 });
    // One worker, one day a week: the simulator's road km avoided for a 30 km commute and a place 5 km away.
    const simulator = maillageSavings({ homeToWorkKm: 30, homeToPlaceKm: 5, mode: 'car', daysPerWeek: 1, currency: 'EUR' });
    expect(simulator.kmAvoided).toBeCloseTo(2 * 46 * 1.3 * 25, 0);
  });

  it('the gravity estimate sends a commune\'s commuters to its neighbours', () => {
    const homes = [
      { code: 'A', name: 'A', population: 10_000, lat: 44.5, lon: 1.5, epci: null, departement: '46', region: '76' },
      { code: 'B', name: 'B', population: 50_000, lat: 44.6, lon: 1.5, epci: null, departement: '46', region: '76' },
    ];
    const demand = gravityDemand(homes, homes);
    const a = demand.get('A')!;
    expect(a.reduce((sum, g) => sum + g.workers, 0)).toBeCloseTo(10_000 * 0.44 * 0.66, 6);
    expect(a[0]!.km).toBeGreaterThan(10);
  });
});

describe('personal data', () => {
  it('exports the scenarios a person saved; erasing them keeps the scenario without its author, or drops it with its organization', async () => {
    const { observatoryPrivacy } = await import('./privacy.ts');
    const request = { territory: { kind: 'epci' as const, code: lotEpci }, k: 1 };
    const result = await runSiting({ db: database.db, actor: council }, request);
    await saveScenario({ db: database.db, actor: council }, { name: 'Pour l’export', request, result });
    const exported = (await observatoryPrivacy.export(database.db, 'user-council')) as { sitingScenarios: { name: string }[] };
    expect(exported.sitingScenarios.map((s) => s.name)).toContain('Pour l’export');
    await database.db.transaction((tx) => observatoryPrivacy.erase(tx, { userId: 'user-council', name: 'Élue', email: 'elue@example.org', phone: null, removedOrganizationIds: [] }));
    expect(((await observatoryPrivacy.export(database.db, 'user-council')) as { sitingScenarios: unknown[] }).sitingScenarios).toEqual([]);
    expect((await listScenarios({ db: database.db, actor: council })).map((s) => s.name)).toContain('Pour l’export');
    await database.db.transaction((tx) => observatoryPrivacy.erase(tx, { userId: 'someone', name: 'x', email: 'x@example.org', phone: null, removedOrganizationIds: [COUNCIL] }));
    expect(await listScenarios({ db: database.db, actor: council })).toEqual([]);
  }, 60_000);
});
