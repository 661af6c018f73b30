import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsForTestFile, browserHeaders, cookiesOf } from '../../../../tests/factories/accounts.ts';
import { actorOfUser, can, listAudit } from '../accounts/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../accounts/demo-accounts.ts';
import { queryRows } from '../db/index.ts';
import { getPlace, updatePlaceAs } from '../places/index.ts';
import { DEMO_COUNCIL_PLACE, demoCredentialsTable, seedDemo, type DemoReport } from './seed.ts';

const env = accountsForTestFile();
let first: DemoReport;
beforeAll(async () => {
  first = await seedDemo(env.accounts);
});

/** Every row of the tables the seed writes, to compare two runs. */
async function snapshot() {
  const [row] = await queryRows<Record<string, unknown>>(
    env.accounts.db,
    sql`select
      (select json_agg(u order by u.email) from (select id, name, email, email_verified, platform_role, home_commune_code, updated_at from "user") u) as users,
      (select json_agg(a order by a.id) from (select id, user_id, provider_id, password, updated_at from account) a) as credentials,
      (select json_agg(o order by o.id) from organization o) as organizations,
      (select json_agg(m order by m.id) from member m) as members,
      (select count(*)::int from audit_log) as audit,
      (select count(*)::int from outbox_message) as outbox,
      (select json_agg(p order by p.slug) from (select slug, operator_organization_id, updated_at from places) p) as places,
      (select count(*)::int from place_history) as history`,
  );
  return row!;
}

async function signInWith(email: string, password: string) {
  const result = await env.accounts.auth.api.signInEmail({ body: { email, password }, headers: browserHeaders(), returnHeaders: true });
  return cookiesOf(result.headers);
}

describe('demo seed', () => {
  it('creates four accounts that sign in with the demo password', async () => {
    expect(Object.values(first.accounts.people).every((p) => p.created)).toBe(true);
    expect(first.summary).toMatch(/; 4 demo accounts \(4 created\)$/);
    for (const account of Object.values(DEMO_ACCOUNTS)) {
      expect(await signInWith(account.email, DEMO_PASSWORD), account.email).toMatch(/session_token=/);
      await expect(signInWith(account.email, 'not-the-demo-password')).rejects.toThrow();
    }
    // Each sign-up left its verification message in the outbox, as for anyone.
    const [row] = await queryRows<{ n: number }>(
      env.accounts.db,
      sql`select count(*)::int as n from outbox_message where template = 'verify-email' and recipient like '%@demo.maillage.fr'`,
    );
    expect(row!.n).toBe(4);
  });

  it('gives each account its role: administrator, operator, council of the EPCI running its own place, coworker in Luzech', async () => {
    const { people, operatorOrganizationId, councilOrganizationId, councilEpci } = first.accounts;
    expect(councilEpci).toBe('244600433');

    const admin = await actorOfUser(env.accounts.db, people.admin.id);
    // The administrator also runs the demo network (its events across operators).
    expect(admin).toMatchObject({ kind: 'user', platformRole: 'admin', emailVerified: true, memberships: [expect.objectContaining({ organizationKind: 'network', role: 'owner' })] });
    expect(can(admin, 'admin.read', { type: 'instance' })).toBe(true);

    const operator = await actorOfUser(env.accounts.db, people.operator.id);
    expect(operator).toMatchObject({
      platformRole: null,
      memberships: [{ organizationId: operatorOrganizationId, organizationKind: 'operator', role: 'owner', scopeLevel: null }],
    });
    expect(can(operator, 'admin.read', { type: 'instance' })).toBe(false);

    const council = await actorOfUser(env.accounts.db, people.council.id);
    expect(council).toMatchObject({
      memberships: [{ organizationId: councilOrganizationId, organizationKind: 'territory', role: 'owner', scopeLevel: 'epci', scopeCode: '244600433' }],
    });
    const luzech = { type: 'commune', code: '46182', epci: '244600433', departement: '46', region: '76' } as const;
    const cabries = { type: 'commune', code: '13019', epci: '200054807', departement: '13', region: '93' } as const;
    expect(can(council, 'territory.read-council-data', luzech)).toBe(true);
    expect(can(council, 'territory.read-council-data', cabries)).toBe(false);

    // The council runs its own project like an operator: it edits the place and runs its console; the operator does not.
    const project = await getPlace(env.accounts.db, DEMO_COUNCIL_PLACE);
    expect(project.operatorOrganizationId).toBe(councilOrganizationId);
    const projectResource = { type: 'place', id: project.id, operatorOrganizationId: project.operatorOrganizationId } as const;
    expect(can(council, 'place.update', projectResource)).toBe(true);
    expect(can(council, 'booking.manage', projectResource)).toBe(true);
    expect(can(council, 'place.create', { type: 'organization', id: councilOrganizationId, kind: 'territory' })).toBe(true);
    expect(can(operator, 'place.update', projectResource)).toBe(false);

    const coworker = await actorOfUser(env.accounts.db, people.coworker.id);
    expect(coworker).toMatchObject({ platformRole: null, memberships: [] });
    const [home] = await queryRows<{ home_commune_code: string }>(env.accounts.db, sql`select home_commune_code from "user" where id = ${people.coworker.id}`);
    expect(home!.home_commune_code).toBe('46182');

    // The administrator set the council up and left it: the journal says so.
    const journal = await listAudit(env.accounts.db, admin);
    expect(journal.map((e) => [e.action, e.organizationId])).toEqual(
      expect.arrayContaining([
        ['organization.create', councilOrganizationId],
        ['organization.transfer-ownership', councilOrganizationId],
        ['organization.create', operatorOrganizationId],
      ]),
    );
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    const again = await seedDemo(env.accounts);
    expect(again.summary).toMatch(/5 places \(demo: 0 created, 0 updated, 5 unchanged\); 4 demo accounts \(0 created\)$/);
    expect(again.accounts).toEqual({
      ...first.accounts,
      people: Object.fromEntries(Object.entries(first.accounts.people).map(([key, p]) => [key, { ...p, created: false }])),
    });
    expect(await snapshot()).toEqual(before);
  });

  it('brings back the demo password and role when they were changed', async () => {
    const { people } = first.accounts;
    const auth = await env.accounts.auth.$context;
    await auth.internalAdapter.updatePassword(people.operator.id, await auth.password.hash('someone-else-2026'));
    await env.accounts.db.execute(sql`update "user" set platform_role = null where id = ${people.admin.id}`);
    await seedDemo(env.accounts);
    expect(await signInWith(DEMO_ACCOUNTS.operator.email, DEMO_PASSWORD)).toMatch(/session_token=/);
    expect(await actorOfUser(env.accounts.db, people.admin.id)).toMatchObject({ kind: 'user', platformRole: 'admin' });
  });

  it('lets the demo council edit the place it runs (its own change is kept by a later seed)', async () => {
    const council = await actorOfUser(env.accounts.db, first.accounts.people.council.id);
    expect((await updatePlaceAs(env.accounts.db, council, DEMO_COUNCIL_PLACE, { desks: 14 })).desks).toBe(14);
    await seedDemo(env.accounts);
    expect((await getPlace(env.accounts.db, DEMO_COUNCIL_PLACE)).desks).toBe(14);
  });

  it('prints the credentials as a table', () => {
    const lines = demoCredentialsTable().split('\n');
    expect(lines[0]).toMatch(/^e-mail\s+password\s+role$/);
    expect(lines).toHaveLength(2 + Object.keys(DEMO_ACCOUNTS).length);
    expect(lines[2]).toMatch(new RegExp(`^admin@demo\\.maillage\\.fr\\s+${DEMO_PASSWORD}\\s+platform administrator$`));
  });
});
