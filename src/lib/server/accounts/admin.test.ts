import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accountsForTestFile,
  browserHeaders,
  cookiesOf,
  followLink,
  lastMailTo,
  makePlatformAdmin,
  newPerson,
  PASSWORD,
  refreshed,
  signedUpPerson,
  type SignedIn,
} from '../../../../tests/factories/accounts.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { ANONYMOUS } from './access.ts';
import { ADMIN_PAGE_SIZE, adminJournal, adminOutbox, adminOutboxMessage, adminUserAction, adminUsers, instanceOverview } from './admin.ts';
import { listAudit, recordAudit } from './audit.ts';
import { signIn } from './authentication.ts';
import { actorOf } from './context.ts';
import { session, user } from './schema.ts';
import { createOrganization } from './organizations.ts';
import { listOrganizations } from './personal-data.ts';

const env = accountsForTestFile();
let admin: SignedIn;
let person: SignedIn;
let organizationId: string;
beforeAll(async () => {
  const { accounts } = env;
  admin = await makePlatformAdmin(accounts, await signedUpPerson(accounts, newPerson('admin')));
  person = await signedUpPerson(accounts, newPerson('coworker'));
  organizationId = (await createOrganization(person.ctx, { name: 'Tiers-lieu de Puy-l’Évêque', kind: 'operator' })).id;
});

const db = () => env.accounts.db;

describe('admin reads', () => {
  it('are for platform administrators only: 401 for nobody, 403 for anyone else', async () => {
    const reads = [
      (actor: typeof ANONYMOUS) => instanceOverview(db(), actor),
      (actor: typeof ANONYMOUS) => adminUsers(db(), actor, {}),
      (actor: typeof ANONYMOUS) => adminOutbox(db(), actor, {}),
      (actor: typeof ANONYMOUS) => adminOutboxMessage(db(), actor, '1'),
      (actor: typeof ANONYMOUS) => adminJournal(db(), actor, {}),
    ];
    for (const read of reads) {
      expect(await domainRejection(read(ANONYMOUS))).toMatchObject({ kind: 'unauthenticated', code: 'sign_in_required' });
      expect(await domainRejection(read(person.ctx.actor))).toMatchObject({ kind: 'forbidden', code: 'forbidden_action' });
    }
    // Who may not read is told so before any input is looked at.
    expect(await domainRejection(adminOutbox(db(), person.ctx.actor, { page: 'x' }))).toMatchObject({ kind: 'forbidden' });
  });

  it('count the accounts, organizations by kind, messages and audit entries', async () => {
    const overview = await instanceOverview(db(), admin.ctx.actor);
    expect(overview).toMatchObject({ users: 2, verified: 2, admins: 1, deleted: 0, failedMessages: 0 });
    expect(overview.organizations).toEqual({ operator: 1, territory: 0, employer: 0, network: 0 });
    expect(overview.messages).toBe((await adminOutbox(db(), admin.ctx.actor, {})).total);
    expect(overview.auditEntries).toBe(1);
  });

  it('list the organizations with their members counted', async () => {
    // The owner is the one member: the list says 1, as the organization's own page does.
    expect(await listOrganizations(db(), admin.ctx.actor)).toEqual([expect.objectContaining({ id: organizationId, kind: 'operator', members: 1 })]);
  });

  it('find accounts by a part of the name or of the address', async () => {
    const all = await adminUsers(db(), admin.ctx.actor, {});
    expect(all.users.map((u) => u.email).sort()).toEqual([admin.email, person.email].sort());
    expect(all.users.find((u) => u.id === admin.userId)).toMatchObject({ platformRole: 'admin', emailVerified: true, deletedAt: null });
    const byName = await adminUsers(db(), admin.ctx.actor, { q: '  COWORKER ' });
    expect(byName).toMatchObject({ q: 'COWORKER', users: [{ id: person.userId }] });
    expect((await adminUsers(db(), admin.ctx.actor, { q: person.email.slice(0, 12) })).users.map((u) => u.id)).toEqual([person.userId]);
    expect((await adminUsers(db(), admin.ctx.actor, { q: 'nobody-by-this-name' })).users).toEqual([]);
    expect(await domainRejection(adminUsers(db(), admin.ctx.actor, { q: 'x'.repeat(101) }))).toMatchObject({
      kind: 'invalid',
      issues: [{ path: 'q', message: 'admin_search_invalid' }],
    });
  });

  it('page through the outbox, newest first, for one recipient or all, and open one message', async () => {
    const all = await adminOutbox(db(), admin.ctx.actor, {});
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    expect(all.items.map((i) => i.id)).toEqual([...all.items.map((i) => i.id)].sort((a, b) => b - a));
    expect(all).toMatchObject({ page: 1, pages: 1, pageSize: ADMIN_PAGE_SIZE, recipient: '' });
    const mine = await adminOutbox(db(), admin.ctx.actor, { recipient: person.email.toUpperCase(), page: '' });
    expect(mine.items.map((i) => i.recipient)).toEqual([person.email]);
    expect(mine.items[0]).toMatchObject({ template: 'verify-email', status: 'outbox' });
    expect((await adminOutbox(db(), admin.ctx.actor, { page: '2' })).items).toEqual([]);

    const message = await adminOutboxMessage(db(), admin.ctx.actor, String(mine.items[0]!.id));
    expect(message.textBody).toContain('http://localhost:3000/api/auth/verify-email?token=');

    for (const page of ['0', '-1', '1.5', 'abc', '999999', ['1', '2']])
      expect(await domainRejection(adminOutbox(db(), admin.ctx.actor, { page })), String(page)).toMatchObject({ kind: 'invalid' });
    expect(await domainRejection(adminOutbox(db(), admin.ctx.actor, { recipient: 'not an address' }))).toMatchObject({
      kind: 'invalid',
      issues: [{ path: 'recipient', message: 'invalid_email' }],
    });
    for (const id of ['999999', '0', 'abc', '1e3', '99999999999', ''])
      expect(await domainRejection(adminOutboxMessage(db(), admin.ctx.actor, id)), id).toMatchObject({
        kind: 'not_found',
        code: 'admin_outbox_message_not_found',
      });
  });

  it('read the audit log newest first, with who acted and on which organization, page by page', async () => {
    const first = await adminJournal(db(), admin.ctx.actor, {});
    expect(first).toMatchObject({ page: 1, hasMore: false });
    expect(first.entries[0]).toMatchObject({
      action: 'organization.create',
      actorName: person.name,
      actorEmail: person.email,
      organizationId,
      organizationName: 'Tiers-lieu de Puy-l’Évêque',
      details: { kind: 'operator' },
    });
    for (let i = 0; i < ADMIN_PAGE_SIZE; i++) await recordAudit(db(), null, 'test.entry', 'test', String(i));
    const newest = await adminJournal(db(), admin.ctx.actor, { page: '1' });
    expect(newest.hasMore).toBe(true);
    expect(newest.entries).toHaveLength(ADMIN_PAGE_SIZE);
    expect(newest.entries[0]).toMatchObject({ action: 'test.entry', targetId: String(ADMIN_PAGE_SIZE - 1), actorName: null, actorEmail: null });
    const second = await adminJournal(db(), admin.ctx.actor, { page: '2' });
    expect(second).toMatchObject({ page: 2, hasMore: false, entries: [{ action: 'organization.create' }] });
  });
});

describe('admin actions on accounts', () => {
  const act = (by: SignedIn, userId: string, action: string) => adminUserAction(env.accounts, by.ctx.actor, by.headers, { userId, action });
  const auditOf = async (userId: string) =>
    (await listAudit(db(), admin.ctx.actor, { limit: 500 })).filter((entry) => entry.targetId === userId).map((entry) => entry.action);
  const signInAs = (who: { email: string }) => signIn(env.accounts, browserHeaders(), { email: who.email, password: PASSWORD });

  it('are for platform administrators only, on accounts that exist, never on their own', async () => {
    const other = await signedUpPerson(env.accounts, newPerson('bystander'));
    expect(await domainRejection(adminUserAction(env.accounts, ANONYMOUS, browserHeaders(), { userId: other.userId, action: 'grant-admin' }))).toMatchObject({
      kind: 'unauthenticated',
    });
    expect(await domainRejection(act(other, person.userId, 'disable-sign-in'))).toMatchObject({ kind: 'forbidden', code: 'forbidden_action' });
    expect(await domainRejection(act(admin, 'no-such-account', 'disable-sign-in'))).toMatchObject({ kind: 'not_found', code: 'admin_user_not_found' });
    expect(await domainRejection(act(admin, other.userId, 'delete-everything'))).toMatchObject({
      kind: 'invalid',
      issues: [{ path: 'action', message: 'admin_user_action_invalid' }],
    });
    for (const action of ['disable-sign-in', 'revoke-admin'])
      expect(await domainRejection(act(admin, admin.userId, action)), action).toMatchObject({ kind: 'invalid', code: 'admin_user_self' });
    expect(await auditOf(other.userId)).toEqual([]);
  });

  it('disabling sign-in ends every session and refuses the next sign-in; enabling lets the person in again', async () => {
    const target = newPerson('suspended');
    const signedIn = await signedUpPerson(env.accounts, target);
    expect(await act(admin, signedIn.userId, 'disable-sign-in')).toEqual({ changed: true });
    expect(await actorOf(env.accounts, signedIn.headers)).toEqual(ANONYMOUS);
    expect((await db().select().from(session).where(eq(session.userId, signedIn.userId))).length).toBe(0);
    // The right password gets a refusal that says why; a wrong one is told only that it is wrong.
    expect(await domainRejection(signInAs(target))).toMatchObject({ kind: 'forbidden', code: 'sign_in_disabled' });
    expect(await domainRejection(signIn(env.accounts, browserHeaders(), { email: target.email, password: 'not the password at all' }))).toMatchObject({
      code: 'invalid_credentials',
    });
    expect((await adminUsers(db(), admin.ctx.actor, { q: target.email })).users[0]!.signInDisabledAt).toBeInstanceOf(Date);
    // Twice the same: nothing changes, nothing more is written.
    expect(await act(admin, signedIn.userId, 'disable-sign-in')).toEqual({ changed: false });

    expect(await act(admin, signedIn.userId, 'enable-sign-in')).toEqual({ changed: true });
    expect(cookiesOf(await signInAs(target))).toMatch(/session_token=/);
    expect(await auditOf(signedIn.userId)).toEqual(['user.sign-in.enable', 'user.sign-in.disable']);
  });

  it('grants and removes platform administration', async () => {
    const target = await signedUpPerson(env.accounts, newPerson('promoted'));
    expect(await act(admin, target.userId, 'grant-admin')).toEqual({ changed: true });
    expect((await refreshed(env.accounts, target)).ctx.actor).toMatchObject({ platformRole: 'admin' });
    expect(await act(admin, target.userId, 'grant-admin')).toEqual({ changed: false });
    expect(await act(admin, target.userId, 'revoke-admin')).toEqual({ changed: true });
    expect((await refreshed(env.accounts, target)).ctx.actor).toMatchObject({ platformRole: null });
    const [entry] = (await listAudit(db(), admin.ctx.actor, { limit: 1 }));
    expect(entry).toMatchObject({ action: 'user.platform-admin.revoke', actorUserId: admin.userId, targetType: 'user', targetId: target.userId });
    expect(await auditOf(target.userId)).toEqual(['user.platform-admin.revoke', 'user.platform-admin.grant']);
  });

  it('sends the verification link again to an unverified address only; a disabled account gets no session from it', async () => {
    const waiting = newPerson('unverified');
    await env.accounts.auth.api.signUpEmail({ body: { name: waiting.name, email: waiting.email, password: waiting.password }, headers: browserHeaders() });
    const [row] = await db().select({ id: user.id }).from(user).where(eq(user.email, waiting.email));
    const before = (await lastMailTo(env.accounts, waiting.email)).message.id;
    expect(await act(admin, row!.id, 'resend-verification')).toEqual({ changed: true });
    const { message, link } = await lastMailTo(env.accounts, waiting.email);
    expect(message.id).toBeGreaterThan(before);
    expect(message.template).toBe('verify-email');
    expect(await auditOf(row!.id)).toEqual(['user.verification.resend']);
    expect(await domainRejection(act(admin, person.userId, 'resend-verification'))).toMatchObject({ code: 'admin_user_already_verified' });

    await act(admin, row!.id, 'disable-sign-in');
    const { cookie } = await followLink(env.accounts, link!);
    expect(cookie).not.toMatch(/session_token=/);
  });
});
