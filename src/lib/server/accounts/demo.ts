import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { getCommune } from '../territory/index.ts';
import { AFTER_VERIFICATION } from './authentication.ts';
import { actorOfUser, authCall, type Accounts, type RequestContext } from './context.ts';
import { DEMO_ACCOUNTS, DEMO_COUNCIL_NAME, DEMO_HOME_COMMUNE, DEMO_OPERATOR_NAME, DEMO_PASSWORD, type DemoAccount, type DemoAccountKey } from './demo-accounts.ts';
import { createOrganization, leaveOrganization, transferOwnership } from './organizations.ts';
import { member, organization, user, type OrganizationKind } from './schema.ts';

export interface DemoAccountsReport {
  /** The id of each demo person, and whether this run created them. */
  people: Record<DemoAccountKey, { id: string; created: boolean }>;
  operatorOrganizationId: string;
  councilOrganizationId: string;
  /** The SIREN of the council's EPCI. */
  councilEpci: string;
}

/** The EPCI the demo council speaks for: the Vallée du Lot et du Vignoble, Luzech's. */
async function valleeDuLotEpci(db: Db): Promise<string> {
  const epci = (await getCommune(db, DEMO_HOME_COMMUNE)).epci;
  if (!epci || !epci.name.includes('Vallée du Lot')) throw new Error(`Luzech's EPCI is not the Vallée du Lot et du Vignoble: ${epci?.name}`);
  return epci.code;
}

/**
 * A demo person who can sign in with the demo password: signed up through better-auth (the verification
 * message goes to the outbox, as for anyone), then marked verified. An existing one gets the demo password
 * back if it was changed.
 */
async function ensurePerson(accounts: Accounts, person: DemoAccount): Promise<{ id: string; created: boolean }> {
  const { db } = accounts;
  const [existing] = await db.select({ id: user.id, emailVerified: user.emailVerified }).from(user).where(eq(user.email, person.email));
  let id = existing?.id;
  if (!id) {
    const created = await authCall(() =>
      accounts.auth.api.signUpEmail({
        body: { name: person.name, email: person.email, password: DEMO_PASSWORD, preferredLanguage: 'fr', callbackURL: AFTER_VERIFICATION },
      }),
    );
    id = created.user.id;
  } else {
    const auth = await accounts.auth.$context;
    const credential = (await auth.internalAdapter.findAccounts(id)).find((row) => row.providerId === 'credential');
    if (!credential?.password) {
      await auth.internalAdapter.linkAccount({ userId: id, providerId: 'credential', accountId: id, password: await auth.password.hash(DEMO_PASSWORD) });
    } else if (!(await auth.password.verify({ hash: credential.password, password: DEMO_PASSWORD }))) {
      await auth.internalAdapter.updatePassword(id, await auth.password.hash(DEMO_PASSWORD));
    }
  }
  if (!existing?.emailVerified) await db.update(user).set({ emailVerified: true, updatedAt: new Date() }).where(eq(user.id, id));
  return { id, created: !existing };
}

/** Sets a column of a demo person when it differs, so that a second run writes nothing. */
async function ensureUserField(db: Db, id: string, field: 'platformRole' | 'homeCommuneCode', value: string) {
  const [row] = await db.select({ value: user[field] }).from(user).where(eq(user.id, id));
  if (row?.value !== value) await db.update(user).set({ [field]: value, updatedAt: new Date() }).where(eq(user.id, id));
}

const contextOf = async (accounts: Accounts, userId: string): Promise<RequestContext> => ({
  ...accounts,
  actor: await actorOfUser(accounts.db, userId),
  headers: new Headers(),
});

async function findOrganization(db: Db, name: string, kind: OrganizationKind): Promise<string | null> {
  const [row] = await db
    .select({ id: organization.id })
    .from(organization)
    .where(and(eq(organization.name, name), eq(organization.kind, kind)));
  return row?.id ?? null;
}

const membersOf = (db: Db, organizationId: string) =>
  db.select({ id: member.id, userId: member.userId, role: member.role }).from(member).where(eq(member.organizationId, organizationId));

/**
 * The demo council, as a platform administrator sets one up: the administrator creates the territory
 * organization (only they may), adds the elected person, hands ownership over and leaves. Each step goes
 * through the accounts domain and is in the audit log; a run interrupted half-way is finished by the next.
 */
async function ensureCouncil(accounts: Accounts, adminId: string, ownerId: string, epci: string): Promise<string> {
  const id =
    (await findOrganization(accounts.db, DEMO_COUNCIL_NAME, 'territory')) ??
    (await createOrganization(await contextOf(accounts, adminId), { name: DEMO_COUNCIL_NAME, kind: 'territory', scopeLevel: 'epci', scopeCode: epci })).id;
  let members = await membersOf(accounts.db, id);
  if (!members.some((m) => m.userId === ownerId)) {
    await authCall(() => accounts.auth.api.addMember({ body: { userId: ownerId, role: 'staff', organizationId: id } }));
    members = await membersOf(accounts.db, id);
  }
  const owner = members.find((m) => m.userId === ownerId)!;
  if (owner.role !== 'owner') await transferOwnership(await contextOf(accounts, adminId), id, owner.id);
  if (members.some((m) => m.userId === adminId)) await leaveOrganization(await contextOf(accounts, adminId), id);
  return id;
}

/** Creates the demo accounts and organizations, or brings them back to their demo state; a second run changes nothing. */
export async function seedDemoAccounts(accounts: Accounts): Promise<DemoAccountsReport> {
  const { db } = accounts;
  const people = {} as DemoAccountsReport['people'];
  for (const key of Object.keys(DEMO_ACCOUNTS) as DemoAccountKey[]) people[key] = await ensurePerson(accounts, DEMO_ACCOUNTS[key]);
  await ensureUserField(db, people.admin.id, 'platformRole', 'admin');
  await ensureUserField(db, people.coworker.id, 'homeCommuneCode', DEMO_HOME_COMMUNE);

  const operatorOrganizationId =
    (await findOrganization(db, DEMO_OPERATOR_NAME, 'operator')) ??
    (await createOrganization(await contextOf(accounts, people.operator.id), { name: DEMO_OPERATOR_NAME, kind: 'operator' })).id;
  const councilEpci = await valleeDuLotEpci(db);
  const councilOrganizationId = await ensureCouncil(accounts, people.admin.id, people.council.id, councilEpci);
  return { people, operatorOrganizationId, councilOrganizationId, councilEpci };
}
