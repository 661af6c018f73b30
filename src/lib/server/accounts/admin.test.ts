import { beforeAll, describe, expect, it } from 'vitest';
import { accountsForTestFile, makePlatformAdmin, newPerson, signedUpPerson, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { ANONYMOUS } from './access.ts';
import { ADMIN_PAGE_SIZE, adminJournal, adminOutbox, adminOutboxMessage, adminUsers, instanceOverview } from './admin.ts';
import { recordAudit } from './audit.ts';
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

  it('count the accounts, organisations by kind, messages and audit entries', async () => {
    const overview = await instanceOverview(db(), admin.ctx.actor);
    expect(overview).toMatchObject({ users: 2, verified: 2, admins: 1, deleted: 0, failedMessages: 0 });
    expect(overview.organizations).toEqual({ operator: 1, territory: 0, employer: 0, network: 0 });
    expect(overview.messages).toBe((await adminOutbox(db(), admin.ctx.actor, {})).total);
    expect(overview.auditEntries).toBe(1);
  });

  it('list the organisations with their members counted', async () => {
    // The owner is the one member: the list says 1, as the organisation's own page does.
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

  it('read the audit log newest first, with who acted and on which organisation, page by page', async () => {
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
