import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import {
  accountsForTestFile,
  browserHeaders,
  cookiesOf,
  newPerson,
  PASSWORD,
  refreshed,
  sessionOf,
  signedUpPerson,
  type SignedIn,
} from '../../../../tests/factories/accounts.ts';
import { operatorWithPlace } from '../../../../tests/factories/places.ts';
import { calendarFeed, calendarToken } from '../booking/calendar.ts';
import { createResource } from '../booking/manage.ts';
import { createBooking } from '../booking/service.ts';
import { queryRows } from '../db/index.ts';
import { outboxMessage } from '../mail/schema.ts';
import { createPlace, updatePlaceAs } from '../places/index.ts';
import { placeHistory, places } from '../places/schema.ts';
import { ANONYMOUS } from './access.ts';
import { listSessions, requestMagicLink, requestPasswordReset, revokeOtherSessions, revokeSession, signIn } from './authentication.ts';
import { actorOf } from './context.ts';
import { acceptInvitation, createOrganization, inviteMember } from './organizations.ts';
import {
  CONSENT_TEXT_VERSIONS,
  DELETED_NAME,
  deleteAccount,
  exportPersonalData,
  getProfile,
  patchProfile,
  recordConsent,
  saveConsents,
  updateProfile,
} from './personal-data.ts';
import { account, consent, member, organization, session, user } from './schema.ts';

const env = accountsForTestFile();

const userRow = async (id: string) => (await env.accounts.db.select().from(user).where(eq(user.id, id)))[0]!;
const consentRows = (userId: string) => env.accounts.db.select().from(consent).where(eq(consent.userId, userId)).orderBy(consent.id);

/** A second session for the same person, from another browser and address. */
async function secondSession(person: SignedIn, userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0') {
  const headers = browserHeaders('', '198.51.100.23');
  headers.set('user-agent', userAgent);
  const cookie = cookiesOf(await signIn(env.accounts, headers, { email: person.email, password: PASSWORD }));
  expect(cookie).toMatch(/session_token=/);
  return sessionOf(env.accounts, cookie, person);
}

describe('the profile', () => {
  it('is updated by its owner: name trimmed, home commune with its name, phone, language; PATCH changes only the fields given', async () => {
    const person = await signedUpPerson(env.accounts);
    const saved = await updateProfile(env.accounts.db, person.ctx.actor, {
      name: '  Camille Fabre  ',
      homeCommuneCode: '46182',
      phone: '+33 6 12 34 56 78',
      preferredLanguage: 'en',
    });
    expect(saved).toMatchObject({
      name: 'Camille Fabre',
      email: person.email,
      homeCommune: { code: '46182', name: 'Luzech' },
      phone: '+33 6 12 34 56 78',
      preferredLanguage: 'en',
    });
    expect(await getProfile(env.accounts.db, person.ctx.actor)).toEqual(saved);

    const patched = await patchProfile(env.accounts.db, person.ctx.actor, { phone: null, preferredLanguage: 'fr' });
    expect(patched).toMatchObject({ name: 'Camille Fabre', homeCommune: { code: '46182' }, phone: null, preferredLanguage: 'fr' });
    // An empty form field means "none".
    expect(await updateProfile(env.accounts.db, person.ctx.actor, { name: 'Camille', homeCommuneCode: '', phone: ' ', preferredLanguage: 'fr' })).toMatchObject({
      homeCommune: null,
      phone: null,
    });
  });

  const bad: [string, Record<string, unknown>, { path: string; message: string }][] = [
    ['a name of 121 characters', { name: 'a'.repeat(121) }, { path: 'name', message: 'name_too_long' }],
    ['an empty name', { name: '' }, { path: 'name', message: 'name_required' }],
    ['a name of spaces', { name: '   ' }, { path: 'name', message: 'name_required' }],
    ['a number for the name', { name: 42 }, { path: 'name', message: 'invalid_value' }],
    ['a name with a bell', { name: 'Camille\u0007' }, { path: 'name', message: 'name_invalid' }],
    ['a name that reverses what follows it', { name: 'Camille \u202egnp.exe' }, { path: 'name', message: 'name_invalid' }],
    ['a name with a right-to-left isolate', { name: '\u2067Camille\u2069' }, { path: 'name', message: 'name_invalid' }],
    ['a name with a left-to-right mark', { name: 'Camille\u200e' }, { path: 'name', message: 'name_invalid' }],
    ['an unknown commune', { homeCommuneCode: '99999' }, { path: 'homeCommuneCode', message: 'commune_not_found' }],
    ['a malformed commune code', { homeCommuneCode: 'Luzech' }, { path: 'homeCommuneCode', message: 'commune_code_format' }],
    ['an invalid phone', { phone: 'call me maybe' }, { path: 'phone', message: 'phone_invalid' }],
    ['a number for the phone', { phone: 612345678 }, { path: 'phone', message: 'phone_invalid' }],
    ['an unknown language', { preferredLanguage: 'de' }, { path: 'preferredLanguage', message: 'language_invalid' }],
  ];

  it.each(bad)('refuses %s with an invalid error on the field, and changes nothing', async (_label, change, issue) => {
    const person = await signedUpPerson(env.accounts);
    const valid = { name: 'Camille', homeCommuneCode: '46182', phone: '05 65 00 00 00', preferredLanguage: 'fr' };
    await updateProfile(env.accounts.db, person.ctx.actor, valid);
    const before = await userRow(person.userId);

    const error = await domainRejection(updateProfile(env.accounts.db, person.ctx.actor, { ...valid, ...change }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'invalid_input' });
    expect(error.issues).toEqual([expect.objectContaining(issue)]);
    const patchError = await domainRejection(patchProfile(env.accounts.db, person.ctx.actor, change));
    expect(patchError.issues).toEqual([expect.objectContaining(issue)]);

    expect(await userRow(person.userId)).toEqual(before);
  });

  it('refuses input that is not an object, and anyone not signed in', async () => {
    const person = await signedUpPerson(env.accounts);
    const before = await userRow(person.userId);
    for (const input of [null, 'Camille', [], 7])
      expect(await domainRejection(patchProfile(env.accounts.db, person.ctx.actor, input))).toMatchObject({ kind: 'invalid' });
    expect(await userRow(person.userId)).toEqual(before);
    expect(await domainRejection(getProfile(env.accounts.db, ANONYMOUS))).toMatchObject({ kind: 'unauthenticated', code: 'sign_in_required' });
    expect(await domainRejection(updateProfile(env.accounts.db, ANONYMOUS, { name: 'X', preferredLanguage: 'fr' }))).toMatchObject({
      kind: 'unauthenticated',
    });
  });
});

describe('consents', () => {
  it('are recorded with the version of the text and the date; only changed choices make a row; the latest wins', async () => {
    const person = await signedUpPerson(env.accounts);
    const actor = person.ctx.actor;
    expect((await getProfile(env.accounts.db, actor)).consents).toEqual({});

    const before = Date.now();
    // Never asked counts as no: saving "no" for the newsletter records nothing.
    expect(await saveConsents(env.accounts.db, actor, { 'directory-listing': true, newsletter: false })).toEqual(['directory-listing']);
    const [first] = await consentRows(person.userId);
    expect(first).toMatchObject({ purpose: 'directory-listing', granted: true, textVersion: CONSENT_TEXT_VERSIONS['directory-listing'] });
    expect(first!.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(first!.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    expect(await saveConsents(env.accounts.db, actor, { 'directory-listing': true, newsletter: false })).toEqual([]);
    expect(await consentRows(person.userId)).toHaveLength(1);

    expect(await saveConsents(env.accounts.db, actor, { 'directory-listing': false, newsletter: true })).toEqual(['directory-listing', 'newsletter']);
    await recordConsent(env.accounts.db, actor, { purpose: 'newsletter', granted: false });
    const rows = await consentRows(person.userId);
    expect(rows.map((row) => [row.purpose, row.granted])).toEqual([
      ['directory-listing', true],
      ['directory-listing', false],
      ['newsletter', true],
      ['newsletter', false],
    ]);
    const { consents } = await getProfile(env.accounts.db, actor);
    expect(consents).toEqual({
      'directory-listing': { granted: false, textVersion: CONSENT_TEXT_VERSIONS['directory-listing'], recordedAt: rows[1]!.recordedAt },
      newsletter: { granted: false, textVersion: CONSENT_TEXT_VERSIONS.newsletter, recordedAt: rows[3]!.recordedAt },
    });
  });

  it('granted under an older text is recorded again when confirmed under the current one', async () => {
    const person = await signedUpPerson(env.accounts);
    await env.accounts.db.insert(consent).values({ userId: person.userId, purpose: 'newsletter', granted: true, textVersion: '2020-01-01' });
    expect(await saveConsents(env.accounts.db, person.ctx.actor, { 'directory-listing': false, newsletter: true })).toEqual(['newsletter']);
    expect((await getProfile(env.accounts.db, person.ctx.actor)).consents.newsletter).toMatchObject({ granted: true, textVersion: CONSENT_TEXT_VERSIONS.newsletter });
  });

  it('refuses unknown purposes, missing choices and wrong types, recording nothing', async () => {
    const person = await signedUpPerson(env.accounts);
    const actor = person.ctx.actor;
    const refusals = [
      saveConsents(env.accounts.db, actor, { newsletter: true }),
      saveConsents(env.accounts.db, actor, { 'directory-listing': 'yes', newsletter: true }),
      saveConsents(env.accounts.db, actor, { 'directory-listing': true, newsletter: true, marketing: true }),
      saveConsents(env.accounts.db, actor, null),
      recordConsent(env.accounts.db, actor, { purpose: 'marketing', granted: true }),
      recordConsent(env.accounts.db, actor, { purpose: 'newsletter', granted: 'on' }),
    ];
    for (const refusal of refusals) expect(await domainRejection(refusal)).toMatchObject({ kind: 'invalid', code: 'invalid_input' });
    expect((await domainRejection(recordConsent(env.accounts.db, actor, { purpose: 'marketing', granted: true }))).issues).toEqual([
      expect.objectContaining({ path: 'purpose', message: 'consent_purpose_invalid' }),
    ]);
    expect(await consentRows(person.userId)).toEqual([]);
  });
});

describe('sessions', () => {
  it('are listed with the current one first and marked; another session can be ended, then every other one', async () => {
    const person = await signedUpPerson(env.accounts);
    const laptop = await secondSession(person);
    const phone = await secondSession(person, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1');

    const listed = await listSessions(laptop.ctx);
    expect(listed).toHaveLength(3);
    expect(listed.map((s) => s.current)).toEqual([true, false, false]);
    expect(listed[0]).toMatchObject({ ipAddress: '198.51.100.23', userAgent: expect.stringContaining('Firefox/128') });
    expect(JSON.stringify(listed)).not.toMatch(/token/i);

    // Another person's session is unknown to them.
    const stranger = await signedUpPerson(env.accounts);
    expect(await domainRejection(revokeSession(stranger.ctx, listed[1]!.id))).toMatchObject({ kind: 'not_found', code: 'session_not_found' });

    const phoneSession = (await listSessions(phone.ctx))[0]!;
    await revokeSession(laptop.ctx, phoneSession.id);
    expect(await actorOf(env.accounts, phone.headers)).toEqual(ANONYMOUS);
    expect(await listSessions(laptop.ctx)).toHaveLength(2);

    expect(await revokeOtherSessions(laptop.ctx)).toBe(1);
    expect(await actorOf(env.accounts, person.headers)).toEqual(ANONYMOUS);
    expect((await actorOf(env.accounts, laptop.headers)).kind).toBe('user');
    expect((await listSessions(laptop.ctx)).map((s) => s.current)).toEqual([true]);
  });
});

describe('the export of personal data', () => {
  it('holds the profile, consents, sessions, memberships, invitations both ways, and e-mails; no secret', async () => {
    const person = await signedUpPerson(env.accounts);
    await updateProfile(env.accounts.db, person.ctx.actor, { name: person.name, homeCommuneCode: '13019', phone: '0601020304', preferredLanguage: 'fr' });
    await saveConsents(env.accounts.db, person.ctx.actor, { 'directory-listing': true, newsletter: true });
    await secondSession(person);
    const own = await createOrganization(person.ctx, { name: 'Fablab du Ségala', kind: 'operator' });
    const me = await refreshed(env.accounts, person);
    const invitee = newPerson('invitee');
    await inviteMember(me.ctx, own.id, { email: invitee.email, role: 'staff' });
    const other = await signedUpPerson(env.accounts);
    const theirs = await createOrganization(other.ctx, { name: 'Mairie de Figeac', kind: 'employer' });
    await inviteMember((await refreshed(env.accounts, other)).ctx, theirs.id, { email: person.email, role: 'admin' });

    const data = await exportPersonalData(env.accounts.db, me.ctx.actor);
    expect(data.profile).toMatchObject({ id: person.userId, name: person.name, email: person.email, homeCommuneCode: '13019', phone: '0601020304' });
    expect(data.consents.map((c) => [c.purpose, c.granted, c.textVersion])).toEqual([
      ['directory-listing', true, CONSENT_TEXT_VERSIONS['directory-listing']],
      ['newsletter', true, CONSENT_TEXT_VERSIONS.newsletter],
    ]);
    expect(data.sessions).toHaveLength(2);
    expect(data.sessions.map((s) => s.ipAddress).sort()).toEqual(['198.51.100.23', '203.0.113.7']);
    expect(data.signInMethods).toEqual([expect.objectContaining({ provider: 'credential' })]);
    expect(data.organizations).toEqual([expect.objectContaining({ organizationId: own.id, organization: 'Fablab du Ségala', role: 'owner' })]);
    expect(data.invitationsSent).toEqual([expect.objectContaining({ email: invitee.email, organization: 'Fablab du Ségala', status: 'pending' })]);
    expect(data.invitationsReceived).toEqual([expect.objectContaining({ organization: 'Mairie de Figeac', role: 'admin', status: 'pending' })]);
    expect(data.emails.map((e) => e.template)).toEqual(['verify-email', 'invitation']);
    expect(data.adminActions.map((a) => a.action)).toEqual(['organization.create', 'organization.invite']);

    // Neither session tokens nor the password hash leave the database.
    const text = JSON.stringify(data);
    const tokens = await env.accounts.db.select({ token: session.token }).from(session).where(eq(session.userId, person.userId));
    const [credential] = await env.accounts.db.select({ password: account.password }).from(account).where(eq(account.userId, person.userId));
    expect(tokens).toHaveLength(2);
    for (const { token } of tokens) expect(text).not.toContain(token);
    expect(credential!.password).toBeTruthy();
    expect(text).not.toContain(credential!.password!);

    expect(await domainRejection(exportPersonalData(env.accounts.db, ANONYMOUS))).toMatchObject({ kind: 'unauthenticated' });
  });
});

interface Hit {
  table: string;
  column: string;
  rows: number;
}

/** Every text, varchar and jsonb column of every table of the schema that holds `needle` (any case). */
async function columnsHolding(needle: string): Promise<{ scanned: string[]; hits: Hit[] }> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    env.accounts.db,
    sql`select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
        where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb')
        order by c.table_name, c.column_name`,
  );
  const hits: Hit[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [found] = await queryRows<{ rows: number }>(
      env.accounts.db,
      sql`select count(*)::int as rows from ${sql.identifier(table)} where strpos(lower(${sql.identifier(column)}::text), lower(${needle})) > 0`,
    );
    if (found!.rows > 0) hits.push({ table, column, rows: found!.rows });
  }
  return { scanned: columns.map((c) => `${c.table_name}.${c.column_name}`), hits };
}

describe('deleting one’s account', () => {
  it('leaves neither the name nor the e-mail address in any column of any table; the user row stays, marked deleted', async () => {
    const victim = await signedUpPerson(env.accounts, newPerson('victim'));
    await updateProfile(env.accounts.db, victim.ctx.actor, { name: victim.name, homeCommuneCode: '46182', phone: '+33 5 65 20 00 00', preferredLanguage: 'fr' });
    await saveConsents(env.accounts.db, victim.ctx.actor, { 'directory-listing': true, newsletter: true });
    const laptop = await secondSession(victim);

    // An organization they own alone, named after them.
    const alone = await createOrganization(victim.ctx, { name: `Atelier ${victim.name}`, kind: 'operator' });
    // A colleague's organization, where they are an admin and invite someone (that message names them).
    const owner = await signedUpPerson(env.accounts, newPerson('owner'));
    const shared = await createOrganization(owner.ctx, { name: 'Coopérative du Causse', kind: 'operator' });
    const ownerNow = await refreshed(env.accounts, owner);
    const asAdmin = await inviteMember(ownerNow.ctx, shared.id, { email: victim.email, role: 'admin' });
    await acceptInvitation(victim.ctx, asAdmin.id);
    const victimNow = await refreshed(env.accounts, victim);
    const invitee = newPerson('invitee');
    const sent = await inviteMember(victimNow.ctx, shared.id, { email: invitee.email, role: 'staff' });
    // An invitation sent to them, still pending.
    const other = await createOrganization(ownerNow.ctx, { name: 'Tiers-lieu de Cajarc', kind: 'operator' });
    await inviteMember(await refreshed(env.accounts, owner).then((o) => o.ctx), other.id, { email: victim.email, role: 'staff' });
    // Verification tokens: a sign-in link (holds the address) and a password reset (holds the user id).
    await requestMagicLink(env.accounts, browserHeaders(), { email: victim.email });
    await requestPasswordReset(env.accounts, browserHeaders(), { email: victim.email });
    // A message to someone else that mentions them everywhere, attachment included.
    await env.accounts.mailer.send({
      to: 'accueil@example.org',
      subject: `Réservation de ${victim.name}`,
      text: `${victim.name} <${victim.email}> a réservé un poste.`,
      html: `<p>${victim.name} &lt;${victim.email}&gt;</p>`,
      attachments: [{ filename: 'reservation.ics', contentType: 'text/calendar', content: `ATTENDEE;CN="${victim.name}":mailto:${victim.email}` }],
      template: 'booking-test',
    });

    // The scan finds them before: it would see them after.
    const before = [...(await columnsHolding(victim.name)).hits, ...(await columnsHolding(victim.email)).hits].map((h) => `${h.table}.${h.column}`);
    expect(before).toEqual(
      expect.arrayContaining(['user.name', 'user.email', 'organization.name', 'invitation.email', 'verification.value', 'outbox_message.recipient', 'outbox_message.text_body', 'outbox_message.attachments']),
    );

    await deleteAccount(victimNow.ctx, { confirmEmail: victim.email.toUpperCase() });

    for (const needle of [victim.name, victim.email]) {
      const { scanned, hits } = await columnsHolding(needle);
      expect(scanned.length).toBeGreaterThan(40);
      expect(scanned).toEqual(expect.arrayContaining(['user.name', 'outbox_message.html_body', 'audit_log.details', 'verification.value', 'session.user_agent']));
      expect(hits, needle).toEqual([]);
    }

    const row = await userRow(victim.userId);
    expect(row).toMatchObject({ name: DELETED_NAME, phone: null, homeCommuneCode: null, emailVerified: false });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.email).toMatch(/@deleted\.invalid$/);
    // Both of their sessions are over.
    expect(await actorOf(env.accounts, victim.headers)).toEqual(ANONYMOUS);
    expect(await actorOf(env.accounts, laptop.headers)).toEqual(ANONYMOUS);
    expect(await domainRejection(signIn(env.accounts, browserHeaders(), { email: victim.email, password: PASSWORD }))).toMatchObject({
      kind: 'unauthenticated',
    });
    // Their own organization went; the colleague's stays, with its owner and the invitation they sent, signed "—".
    expect(await env.accounts.db.select().from(organization).where(eq(organization.id, alone.id))).toEqual([]);
    expect((await env.accounts.db.select({ userId: member.userId }).from(member).where(eq(member.organizationId, shared.id))).map((m) => m.userId)).toEqual([owner.userId]);
    const [toInvitee] = await env.accounts.db.select().from(outboxMessage).where(eq(outboxMessage.recipient, invitee.email));
    expect(toInvitee!.textBody).toContain(DELETED_NAME);
    expect(toInvitee!.textBody).toContain(`/invitations/${sent.id}`);
  });

  it('is refused to the owner of an organization with other members (owner_must_transfer), changing nothing', async () => {
    const owner = await signedUpPerson(env.accounts);
    const colleague = await signedUpPerson(env.accounts);
    const created = await createOrganization(owner.ctx, { name: 'Espace de coworking de Gramat', kind: 'operator' });
    const invitation = await inviteMember((await refreshed(env.accounts, owner)).ctx, created.id, { email: colleague.email });
    await acceptInvitation(colleague.ctx, invitation.id);
    await saveConsents(env.accounts.db, owner.ctx.actor, { 'directory-listing': true, newsletter: false });
    const ownerNow = await refreshed(env.accounts, owner);
    const snapshot = async () => ({
      user: await userRow(owner.userId),
      sessions: await env.accounts.db.select().from(session).where(eq(session.userId, owner.userId)),
      members: await env.accounts.db.select().from(member).where(eq(member.organizationId, created.id)),
      consents: await consentRows(owner.userId),
      outbox: (await env.accounts.db.select().from(outboxMessage).where(eq(outboxMessage.recipient, owner.email))).length,
    });
    const before = await snapshot();

    expect(await domainRejection(deleteAccount(ownerNow.ctx, { confirmEmail: owner.email }))).toMatchObject({ kind: 'conflict', code: 'owner_must_transfer' });
    expect(await snapshot()).toEqual(before);
    expect((await actorOf(env.accounts, owner.headers)).kind).toBe('user');
  });

  it('needs the address of the account typed as confirmation', async () => {
    const person = await signedUpPerson(env.accounts);
    const before = await userRow(person.userId);
    expect(await domainRejection(deleteAccount(person.ctx, { confirmEmail: 'someone.else@example.org' }))).toMatchObject({
      kind: 'invalid',
      code: 'delete_confirmation_mismatch',
    });
    for (const input of [{}, { confirmEmail: '' }, { confirmEmail: 'not an address' }, { confirmEmail: 12 }, null])
      expect(await domainRejection(deleteAccount(person.ctx, input))).toMatchObject({ kind: 'invalid', code: 'invalid_input' });
    expect(await domainRejection(deleteAccount({ ...person.ctx, actor: ANONYMOUS }, { confirmEmail: person.email }))).toMatchObject({ kind: 'unauthenticated' });
    expect(await userRow(person.userId)).toEqual(before);
    expect((await actorOf(env.accounts, person.headers)).kind).toBe('user');
  });
});

describe('bookings in the export and after deletion', () => {
  it('the export lists my bookings and says a calendar feed exists; deleting the account ends the feed and keeps the bookings for the place', async () => {
    const now = new Date('2026-12-01T08:00:00Z');
    const operator = await operatorWithPlace(env.accounts, { name: 'Les Postes du Quercy', kind: 'coworking', communeCode: '46182' });
    const desks = (await createResource({ db: env.accounts.db, actor: operator.owner.ctx.actor }, operator.place.id, { kind: 'desk-pool', name: 'Plateau', capacity: 2, free: true })).id;
    const person = await signedUpPerson(env.accounts, newPerson('booker'));
    const { booking } = await createBooking({ db: env.accounts.db, actor: person.ctx.actor, mailer: env.accounts.mailer, now }, { resourceId: desks, day: '2026-12-03', payment: 'on-site' });
    const token = await calendarToken({ db: env.accounts.db, actor: person.ctx.actor });
    expect(await calendarFeed(env.accounts.db, token)).toContain('BEGIN:VEVENT');

    const data = await exportPersonalData(env.accounts.db, person.ctx.actor);
    expect(data.bookings).toEqual([expect.objectContaining({ id: booking.id, place: 'Les Postes du Quercy', day: '2026-12-03', status: 'confirmed', payment: 'on-site' })]);
    expect(data.carnetsAndPlans).toEqual([]);
    expect(data.calendarFeed).toEqual({ createdAt: expect.any(Date) });
    // The feed's address is a secret, like session tokens.
    expect(JSON.stringify(data)).not.toContain(token);

    await deleteAccount(person.ctx, { confirmEmail: person.email });
    expect(await calendarFeed(env.accounts.db, token)).toBeNull();
    const [kept] = await queryRows<{ status: string; user_id: string }>(env.accounts.db, sql`select status, user_id from bookings where id = ${booking.id}::uuid`);
    expect(kept).toEqual({ status: 'confirmed', user_id: person.userId });
  });
});

describe('contacts typed into places after deletion', () => {
  it('empties the contact e-mail and phone its author typed, and their own, in the place and in its history; the export listed the edits', async () => {
    const operator = await operatorWithPlace(env.accounts, { name: 'Le Relais de Cahors', kind: 'coworking', communeCode: '46042' });
    const author = operator.owner;
    await updateProfile(env.accounts.db, author.ctx.actor, { name: author.name, phone: '06 11 22 33 44', preferredLanguage: 'fr' });
    // They type their own address and phone into the place, then another phone.
    await updatePlaceAs(env.accounts.db, author.ctx.actor, operator.place.id, { contactEmail: author.email, contactPhone: '+33 6 11 22 33 44' });
    await updatePlaceAs(env.accounts.db, author.ctx.actor, operator.place.id, { contactPhone: '05 65 99 88 77' });
    // Someone else's place shows their address too (copied by an administrator); its other contact stays.
    const elsewhere = await createPlace(env.accounts.db, { name: 'La Grange de Figeac', kind: 'tiers-lieu', communeCode: '46102', contactEmail: author.email, contactPhone: '05 65 00 11 22' });
    const unrelated = await createPlace(env.accounts.db, { name: 'Le Fournil de Gourdon', kind: 'coworking', communeCode: '46127', contactEmail: 'accueil@fournil.example', contactPhone: '05 65 41 00 00' });

    const data = await exportPersonalData(env.accounts.db, author.ctx.actor);
    expect(data.placeEdits).toHaveLength(2);
    expect(JSON.stringify(data.placeEdits)).toContain('05 65 99 88 77');

    await deleteAccount(author.ctx, { confirmEmail: author.email });

    const contacts = async (id: string) =>
      (await env.accounts.db.select({ email: places.contactEmail, phone: places.contactPhone }).from(places).where(eq(places.id, id)))[0];
    expect(await contacts(operator.place.id)).toEqual({ email: null, phone: null });
    expect(await contacts(elsewhere.id)).toEqual({ email: null, phone: '05 65 00 11 22' });
    expect(await contacts(unrelated.id)).toEqual({ email: 'accueil@fournil.example', phone: '05 65 41 00 00' });
    for (const needle of [author.email, '33 44', '99 88 77']) expect((await columnsHolding(needle)).hits, needle).toEqual([]);
    // The history still says which fields changed, and the unrelated values it held.
    const history = await env.accounts.db.select({ changes: placeHistory.changes }).from(placeHistory).where(eq(placeHistory.placeId, operator.place.id));
    expect(history.map((entry) => entry.changes.contactPhone).filter(Boolean)).toEqual(
      expect.arrayContaining([{ from: null, to: null }]),
    );
    expect(JSON.stringify(await env.accounts.db.select().from(placeHistory).where(eq(placeHistory.placeId, unrelated.id)))).toContain('accueil@fournil.example');
  });
});
