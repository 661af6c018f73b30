import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { actorOf, type Accounts, type RequestContext } from '../../src/lib/server/accounts/index.ts';
import { user } from '../../src/lib/server/accounts/schema.ts';
import { readConfig } from '../../src/lib/server/config.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { outboxMessage } from '../../src/lib/server/mail/schema.ts';
import { createAccounts } from '../../src/lib/server/runtime.ts';
import { createTestDatabase } from '../setup/database.ts';

export const TEST_PUBLIC_URL = 'http://localhost:3000';
export const PASSWORD = 'correct horse battery';

let counter = 0;
/** A distinctive address and name for one test person (the deletion test looks for them everywhere). */
export function newPerson(label = 'person') {
  const n = `${Date.now().toString(36)}${(++counter).toString(36)}`;
  return { name: `Zoé ${label} Quérandel-${n}`, email: `${label}.${n}@example.org`, password: PASSWORD };
}

/** Accounts (better-auth, outbox mailer) on a test database, as the app builds them. */
export function testAccounts(database: Database, overrides: Partial<ReturnType<typeof readConfig>> = {}): Promise<Accounts> {
  return createAccounts(database, {
    ...readConfig({}),
    publicUrl: TEST_PUBLIC_URL,
    secret: 'test-secret-for-maillage-accounts-000000',
    ipRateLimitFactor: 100,
    ...overrides,
  });
}

/**
 * For one test file: a database of its own and accounts on it, opened before its tests and closed after.
 * Read `env.accounts` and `env.database` inside the tests.
 */
export function accountsForTestFile(): { accounts: Accounts; database: Database } {
  const env = {} as { accounts: Accounts; database: Database };
  beforeAll(async () => {
    env.database = await createTestDatabase();
    env.accounts = await testAccounts(env.database);
  });
  afterAll(() => env.database?.close());
  return env;
}

/** Headers of a request from a browser at `ip`, optionally carrying cookies. */
export function browserHeaders(cookie = '', ip = '203.0.113.7'): Headers {
  const headers = new Headers({ 'x-maillage-client-ip': ip, origin: TEST_PUBLIC_URL });
  if (cookie) headers.set('cookie', cookie);
  return headers;
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
export function cookiesOf(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

/** The latest message sent to an address, and the first link of this instance in it. */
export async function lastMailTo(accounts: Accounts, email: string) {
  const [message] = await accounts.db
    .select()
    .from(outboxMessage)
    .where(eq(outboxMessage.recipient, email.toLowerCase()))
    .orderBy(desc(outboxMessage.id))
    .limit(1);
  expect(message, `a message to ${email}`).toBeDefined();
  const link = message!.textBody.match(/https?:\/\/\S+/g)?.find((url) => url.startsWith(TEST_PUBLIC_URL));
  return { message: message!, link };
}

/** Follows a link of an e-mail through better-auth's handler; returns the session cookie it set, if any. */
export async function followLink(accounts: Accounts, link: string, ip?: string): Promise<{ response: Response; cookie: string }> {
  const headers = browserHeaders('', ip);
  const response = await accounts.auth.handler(new Request(link, { headers }));
  return { response, cookie: cookiesOf(response.headers) };
}

export interface SignedIn {
  cookie: string;
  headers: Headers;
  ctx: RequestContext;
  userId: string;
  email: string;
  name: string;
}

/** Signs up through better-auth, verifies the address from the outbox link, and returns the session. */
export async function signedUpPerson(accounts: Accounts, person = newPerson()): Promise<SignedIn> {
  const headers = browserHeaders();
  await accounts.auth.api.signUpEmail({ body: { name: person.name, email: person.email, password: person.password }, headers });
  const { link } = await lastMailTo(accounts, person.email);
  const { cookie } = await followLink(accounts, link!);
  expect(cookie).toMatch(/session_token=/);
  return sessionOf(accounts, cookie, person);
}

export async function sessionOf(accounts: Accounts, cookie: string, person: { email: string; name: string }): Promise<SignedIn> {
  const headers = browserHeaders(cookie);
  const actor = await actorOf(accounts, headers);
  if (actor.kind !== 'user') throw new Error(`no session for ${person.email}`);
  return { cookie, headers, ctx: { ...accounts, actor, headers }, userId: actor.userId, email: person.email, name: person.name };
}

/** Refreshes the actor of a signed-in person (after their memberships changed). */
export async function refreshed(accounts: Accounts, person: SignedIn): Promise<SignedIn> {
  return sessionOf(accounts, person.cookie, person);
}

export async function makePlatformAdmin(accounts: Accounts, person: SignedIn): Promise<SignedIn> {
  await accounts.db.update(user).set({ platformRole: 'admin' }).where(eq(user.id, person.userId));
  return refreshed(accounts, person);
}
