import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import {
  browserHeaders,
  cookiesOf,
  followLink,
  lastMailTo,
  newPerson,
  PASSWORD,
  sessionOf,
  signedUpPerson,
  testAccounts,
} from '../../../../tests/factories/accounts.ts';
import { queryRows, type Database } from '../db/index.ts';
import { outboxMessage } from '../mail/schema.ts';
import { ANONYMOUS } from './access.ts';
import { actorOf, actorOfUser, signedCookieValue, type Accounts } from './context.ts';
import { createOrganization } from './organizations.ts';
import {
  listSessions,
  requestMagicLink,
  requestPasswordReset,
  resetPassword,
  revokeOtherSessions,
  revokeSession,
  signIn,
  signOut,
  signUp,
} from './authentication.ts';

let database: Database;
let accounts: Accounts;
beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
});
afterAll(() => database?.close());

const messagesTo = async (email: string) =>
  (await accounts.db.select().from(outboxMessage).where(eq(outboxMessage.recipient, email))).map((m) => m.template);

describe('sign-up', () => {
  it('sends a verification link in the chosen language; following it verifies and opens a session', async () => {
    const person = newPerson('signup');
    await signUp(accounts, browserHeaders(), { ...person, preferredLanguage: 'en' });
    const { message, link } = await lastMailTo(accounts, person.email);
    expect(message.template).toBe('verify-email');
    expect(message.subject).toBe('Verify your e-mail address');
    expect(message.htmlBody).toContain('Hello');
    // Not verified yet: the password does not open a session (and the link is sent again).
    expect(await domainRejection(signIn(accounts, browserHeaders(), person))).toMatchObject({ kind: 'forbidden', code: 'email_not_verified' });
    const { response, cookie } = await followLink(accounts, link!);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/compte?bienvenue=1');
    const actor = await actorOf(accounts, browserHeaders(cookie));
    expect(actor).toMatchObject({ kind: 'user', email: person.email, emailVerified: true });
  });

  it('answers a known address exactly like a new one, and tells the owner of the address', async () => {
    const existing = await signedUpPerson(accounts);
    const before = await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from "user"`);
    await expect(signUp(accounts, browserHeaders(), { name: 'Someone Else', email: existing.email, password: 'another long password' })).resolves.toBeUndefined();
    const after = await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from "user"`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await lastMailTo(accounts, existing.email)).message.template).toBe('existing-account');
    // The existing password still works; the intruder's does not.
    await expect(signIn(accounts, browserHeaders(), { email: existing.email, password: 'another long password' })).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('refuses bad input with field errors and creates nothing', async () => {
    const count = async () => (await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from "user"`))[0]!.n;
    const before = await count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: 'A', email: 'not-an-email', password: 'long enough password' }, 'email', 'invalid_email'],
      [{ name: 'A', email: `${'a'.repeat(250)}@example.org`, password: 'long enough password' }, 'email', 'invalid_email'],
      [{ name: 'A', email: 'a@example.org', password: 'short' }, 'password', 'password_too_short'],
      [{ name: 'A', email: 'a@example.org', password: 'p'.repeat(129) }, 'password', 'password_too_long'],
      [{ name: 'x'.repeat(121), email: 'a@example.org', password: 'long enough password' }, 'name', 'name_too_long'],
      [{ name: '   ', email: 'a@example.org', password: 'long enough password' }, 'name', 'name_required'],
      [{ name: 42, email: 'a@example.org', password: 'long enough password' }, 'name', 'invalid_value'],
      [{ name: 'Ding\u0007', email: 'a@example.org', password: 'long enough password' }, 'name', 'name_invalid'],
      [{ name: 'Admin \u202eeliM', email: 'a@example.org', password: 'long enough password' }, 'name', 'name_invalid'],
      [{ name: 'A', email: 'a@example.org', password: 'long enough password', preferredLanguage: 'de' }, 'preferredLanguage', 'language_invalid'],
    ];
    for (const [input, path, message] of cases) {
      const error = await domainRejection(signUp(accounts, browserHeaders(), input));
      expect(error.kind, JSON.stringify(input).slice(0, 60)).toBe('invalid');
      expect(error.issues).toContainEqual(expect.objectContaining({ path, message }));
    }
    expect(await count()).toBe(before);
  });
});

describe('sign-in', () => {
  it('gives the same refusal for a wrong password and an unknown address', async () => {
    const person = await signedUpPerson(accounts);
    const wrong = await domainRejection(signIn(accounts, browserHeaders('', '203.0.113.50'), { email: person.email, password: 'wrong password!' }));
    const unknown = await domainRejection(signIn(accounts, browserHeaders('', '203.0.113.51'), { email: `x${person.email}`, password: 'wrong password!' }));
    expect([wrong.kind, wrong.code]).toEqual(['unauthenticated', 'invalid_credentials']);
    expect([unknown.kind, unknown.code]).toEqual([wrong.kind, wrong.code]);
  });

  it('locks an address after 5 failures in 15 minutes, even with the right password, from any address', async () => {
    const person = await signedUpPerson(accounts);
    for (let i = 0; i < 5; i++)
      expect((await domainRejection(signIn(accounts, browserHeaders('', `198.51.100.${i}`), { email: person.email, password: `guess ${i} wrong` }))).code).toBe('invalid_credentials');
    const locked = await domainRejection(signIn(accounts, browserHeaders('', '198.51.100.99'), { email: person.email, password: PASSWORD }));
    expect(locked).toMatchObject({ kind: 'rate_limited', code: 'rate_limited' });
    expect(Number(locked.params.seconds)).toBeGreaterThan(800);
  });

  it('checks only 5 of 40 concurrent wrong passwords on one address from 40 client addresses', async () => {
    const person = await signedUpPerson(accounts);
    const other = await testAccounts(database);
    const refusals = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        domainRejection(signIn(i % 2 ? other : accounts, browserHeaders('', `192.0.2.${100 + i}`), { email: person.email, password: `guess ${i} wrong` })),
      ),
    );
    expect(refusals.filter((error) => error.code === 'invalid_credentials')).toHaveLength(5);
    expect(refusals.filter((error) => error.code === 'rate_limited')).toHaveLength(35);
  });

  it('issues a new session token at each sign-in, never one chosen by the client', async () => {
    const person = await signedUpPerson(accounts);
    const planted = 'maillage.session_token=planted-by-attacker';
    const headers = await signIn(accounts, browserHeaders(planted, '203.0.113.60'), { email: person.email, password: PASSWORD });
    const issued = cookiesOf(headers);
    expect(issued).toMatch(/maillage\.session_token=/);
    expect(issued).not.toContain('planted-by-attacker');
    expect((await actorOf(accounts, browserHeaders(planted))).kind).toBe('anonymous');
    expect((await actorOf(accounts, browserHeaders(issued))).kind).toBe('user');
  });
});

describe('sessions', () => {
  it('lists them, ends one, ends all the others, and signing out ends the current one', async () => {
    const person = await signedUpPerson(accounts);
    const second = cookiesOf(await signIn(accounts, browserHeaders('', '203.0.113.70'), { email: person.email, password: PASSWORD }));
    const third = cookiesOf(await signIn(accounts, browserHeaders('', '203.0.113.71'), { email: person.email, password: PASSWORD }));
    const me = await sessionOf(accounts, person.cookie, person);
    const sessions = await listSessions(me.ctx);
    expect(sessions).toHaveLength(3);
    expect(sessions[0]!.current).toBe(true);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);

    const secondId = (await listSessions((await sessionOf(accounts, second, person)).ctx)).find((s) => s.current)!.id;
    await revokeSession(me.ctx, secondId);
    expect((await actorOf(accounts, browserHeaders(second))).kind).toBe('anonymous');
    // Another person's session id is unknown to me.
    const stranger = await signedUpPerson(accounts);
    const strangerSession = (await listSessions(stranger.ctx))[0]!.id;
    expect(await domainRejection(revokeSession(me.ctx, strangerSession))).toMatchObject({ kind: 'not_found', code: 'session_not_found' });
    expect((await actorOf(accounts, stranger.headers)).kind).toBe('user');

    expect(await revokeOtherSessions(me.ctx)).toBe(1);
    expect((await actorOf(accounts, browserHeaders(third))).kind).toBe('anonymous');
    expect((await actorOf(accounts, me.headers)).kind).toBe('user');
    await signOut(accounts, me.headers);
    expect((await actorOf(accounts, me.headers)).kind).toBe('anonymous');
  });
});

describe('reading the session of a request', () => {
  const DAY = 86_400_000;
  const expiryOf = async (userId: string) =>
    (await queryRows<{ ms: number }>(accounts.db, sql`select (extract(epoch from expires_at) * 1000)::float8 as ms from session where user_id = ${userId}`))[0]?.ms;
  const expireIn = (userId: string, ms: number) =>
    accounts.db.execute(sql`update session set expires_at = now() + make_interval(secs => ${ms / 1000}) where user_id = ${userId}`);

  it('reads the person and their memberships as the slower path does, and only with a cookie signed by this instance', async () => {
    const person = await signedUpPerson(accounts);
    const owned = await createOrganization(person.ctx, { name: `Tiers-lieu ${Date.now().toString(36)}`, kind: 'operator' });
    const actor = await actorOf(accounts, person.headers);
    expect(actor).toEqual(await actorOfUser(accounts.db, person.userId));
    expect(actor).toMatchObject({ kind: 'user', email: person.email, memberships: [{ organizationId: owned.id, organizationKind: 'operator', role: 'owner' }] });

    const { secret, authCookies } = await accounts.auth.$context;
    const name = authCookies.sessionToken.name;
    const value = decodeURIComponent(/session_token=([^;]+)/.exec(person.cookie)![1]!);
    const token = value.slice(0, value.lastIndexOf('.'));
    expect(signedCookieValue(person.cookie, name, secret)).toBe(token);
    // Another secret, a changed token, a signature cut short, two cookies of one name, a broken escape: refused.
    expect(signedCookieValue(person.cookie, name, `${secret}x`)).toBeNull();
    const changed = `${value[0] === 'x' ? 'y' : 'x'}${value.slice(1)}`;
    expect(signedCookieValue(`${name}=${encodeURIComponent(changed)}`, name, secret)).toBeNull();
    expect(signedCookieValue(`${name}=${encodeURIComponent(value.slice(0, -2))}`, name, secret)).toBeNull();
    expect(signedCookieValue(`${person.cookie}; ${person.cookie}`, name, secret)).toBeNull();
    expect(signedCookieValue(`${name}=%E0%A4%A`, name, secret)).toBeNull();
    const forged = `${name}=${encodeURIComponent(`${token}.${Buffer.alloc(32).toString('base64')}`)}`;
    expect(await actorOf(accounts, browserHeaders(forged))).toEqual(ANONYMOUS);
  });

  it('leaves a session due for its daily refresh to better-auth, which extends it; an expired one is ended', async () => {
    const person = await signedUpPerson(accounts);
    await expireIn(person.userId, 29 * DAY - 3_600_000);
    expect(await actorOf(accounts, person.headers)).toMatchObject({ kind: 'user', userId: person.userId });
    expect(await expiryOf(person.userId)).toBeGreaterThan(Date.now() + 29.9 * DAY);

    // A day old, not yet due: read as it is, left unchanged.
    await expireIn(person.userId, 29 * DAY + 3_600_000);
    const before = await expiryOf(person.userId);
    expect((await actorOf(accounts, person.headers)).kind).toBe('user');
    expect(await expiryOf(person.userId)).toBe(before);

    await expireIn(person.userId, -60_000);
    expect(await actorOf(accounts, person.headers)).toEqual(ANONYMOUS);
    expect(await expiryOf(person.userId)).toBeUndefined();
  });
});

describe('e-mailed links', () => {
  it('a magic link signs in once; a known and an unknown address get the same answer', async () => {
    const person = await signedUpPerson(accounts);
    await requestMagicLink(accounts, browserHeaders(), { email: person.email });
    const unknown = `nobody.${Date.now()}@example.org`;
    await expect(requestMagicLink(accounts, browserHeaders(), { email: unknown })).resolves.toBeUndefined();
    const { message, link } = await lastMailTo(accounts, person.email);
    expect(message.template).toBe('magic-link');
    const first = await followLink(accounts, link!);
    expect(new URL(first.response.headers.get('location')!, 'http://localhost:3000').pathname).toBe('/compte');
    expect((await actorOf(accounts, browserHeaders(first.cookie))).kind).toBe('user');
    const again = await followLink(accounts, link!);
    expect(again.cookie).not.toMatch(/session_token=/);
    expect(again.response.headers.get('location')).toContain('/connexion?lien=invalide');
  });

  it('a password reset changes the password, closes every session, and works once', async () => {
    const person = await signedUpPerson(accounts);
    await requestPasswordReset(accounts, browserHeaders(), { email: person.email });
    await expect(requestPasswordReset(accounts, browserHeaders(), { email: `ghost.${Date.now()}@example.org` })).resolves.toBeUndefined();
    const { message, link } = await lastMailTo(accounts, person.email);
    expect(message.template).toBe('reset-password');
    const landing = await followLink(accounts, link!);
    const target = new URL(landing.response.headers.get('location')!, 'http://localhost:3000');
    expect(target.pathname).toBe('/mot-de-passe/nouveau');
    const token = target.searchParams.get('token')!;
    await resetPassword(accounts, browserHeaders(), { token, password: 'a brand new password' });
    expect((await actorOf(accounts, person.headers)).kind).toBe('anonymous');
    await expect(signIn(accounts, browserHeaders('', '203.0.113.80'), { email: person.email, password: 'a brand new password' })).resolves.toBeInstanceOf(Headers);
    expect(await domainRejection(resetPassword(accounts, browserHeaders(), { token, password: 'yet another password' }))).toMatchObject({ code: 'invalid_token' });
    expect(await domainRejection(resetPassword(accounts, browserHeaders(), { token: 'x', password: 'short' }))).toMatchObject({ kind: 'invalid' });
    expect(await messagesTo(person.email)).toEqual(['verify-email', 'reset-password']);
  });
});

describe('password reset links', () => {
  it('ends every other reset link of the account once one is used: an older one no longer works', async () => {
    const person = await signedUpPerson(accounts);
    const tokenOfLastMail = async () => new URL((await lastMailTo(accounts, person.email)).link!).pathname.split('/').pop()!;
    await requestPasswordReset(accounts, browserHeaders(), { email: person.email });
    const older = await tokenOfLastMail();
    await requestPasswordReset(accounts, browserHeaders(), { email: person.email });
    const newer = await tokenOfLastMail();
    expect(newer).not.toBe(older);
    await resetPassword(accounts, browserHeaders(), { token: newer, password: 'the newer link password' });
    expect(await domainRejection(resetPassword(accounts, browserHeaders(), { token: older, password: 'the older link password' }))).toMatchObject({ code: 'invalid_token' });
    await expect(signIn(accounts, browserHeaders('', '203.0.113.81'), { email: person.email, password: 'the newer link password' })).resolves.toBeInstanceOf(Headers);
  });

  it('lets exactly one of two valid links used at the same time change the password, in two app processes', async () => {
    const other = await testAccounts(database);
    for (let round = 0; round < 8; round++) {
      const person = await signedUpPerson(accounts);
      const tokenOfLastMail = async () => new URL((await lastMailTo(accounts, person.email)).link!).pathname.split('/').pop()!;
      await requestPasswordReset(accounts, browserHeaders('', `203.0.113.${100 + round}`), { email: person.email });
      const first = await tokenOfLastMail();
      await requestPasswordReset(accounts, browserHeaders('', `203.0.113.${100 + round}`), { email: person.email });
      const second = await tokenOfLastMail();
      const results = await Promise.allSettled([
        resetPassword(accounts, browserHeaders('', `198.51.100.${round}`), { token: first, password: 'the first link password' }),
        resetPassword(other, browserHeaders('', `198.51.100.${100 + round}`), { token: second, password: 'the second link password' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'invalid_token' });
      // The password is the winner's, and no reset link of the account is left.
      const winner = results[0]!.status === 'fulfilled' ? 'the first link password' : 'the second link password';
      await expect(signIn(accounts, browserHeaders('', '203.0.113.122'), { email: person.email, password: winner })).resolves.toBeInstanceOf(Headers);
      const left = await queryRows(accounts.db, sql`select 1 from verification where identifier like 'reset-password:%' and value = ${person.userId}`);
      expect(left).toEqual([]);
    }
  });
});

describe('two app processes on one database', () => {
  it('share sessions and rate-limit counters: no state is kept in either', async () => {
    const other = await testAccounts(database);
    const person = await signedUpPerson(accounts);
    expect(await actorOf(other, person.headers)).toMatchObject({ kind: 'user', userId: person.userId });
    const target = `shared.${Date.now()}@example.org`;
    for (let i = 0; i < 5; i++) {
      const process = i % 2 ? other : accounts;
      expect((await domainRejection(signIn(process, browserHeaders('', '203.0.113.90'), { email: target, password: `guess ${i} wrong` }))).code).toBe('invalid_credentials');
    }
    expect((await domainRejection(signIn(other, browserHeaders('', '203.0.113.91'), { email: target, password: 'guess 6 wrong' }))).code).toBe('rate_limited');
    expect((await domainRejection(signIn(accounts, browserHeaders('', '203.0.113.92'), { email: target, password: 'guess 7 wrong' }))).code).toBe('rate_limited');
  });
});
