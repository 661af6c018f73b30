import { expect, test } from '@playwright/test';
import { SECOND_PROCESS_URL } from '../../playwright.config';

/** Browsers ask for HTML; without it SvelteKit answers form actions in its JSON protocol (status 200). */
const HTML = 'text/html';

/*
 * Two app processes on one PostgreSQL (only configured when the suite runs on PostgreSQL): what one
 * process knows, the other knows, because sessions and rate-limit counters live in the database.
 */
const COWORKER = { email: 'coworker@demo.maillage.fr', password: 'demo-maillage-2026' };
const second = SECOND_PROCESS_URL!;

test('a session opened through one process is valid on the other, and signing out on the other ends it', async ({ playwright, baseURL }) => {
  const first = await playwright.request.newContext({ baseURL });
  const signIn = await first.post('/connexion?/password', { form: COWORKER, headers: { origin: baseURL!, accept: HTML }, maxRedirects: 0 });
  expect(signIn.status()).toBe(303);
  const token = /maillage\.session_token=([^;]+)/.exec(signIn.headers()['set-cookie'] ?? '')?.[1];
  expect(token).toBeTruthy();

  const other = await playwright.request.newContext({ baseURL: second, extraHTTPHeaders: { cookie: `maillage.session_token=${token}` } });
  const me = await other.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { email: string }).email).toBe(COWORKER.email);

  expect((await other.post('/deconnexion', { form: {}, headers: { origin: second, accept: HTML }, maxRedirects: 0 })).status()).toBe(303);
  expect((await first.get('/api/v1/me')).status()).toBe(401);
  await first.dispose();
  await other.dispose();
});

test('the sign-in rate limit counts attempts made on both processes', async ({ playwright, baseURL }) => {
  const target = `both.${Date.now()}@example.org`;
  const contexts = [await playwright.request.newContext({ baseURL }), await playwright.request.newContext({ baseURL: second })];
  const attempt = (n: number) =>
    contexts[n % 2]!.post('/connexion?/password', {
      form: { email: target, password: `wrong guess ${n}` },
      headers: { origin: n % 2 ? second : baseURL!, accept: 'application/json' },
    });
  // Five allowed in all (alternating processes), then refused on either.
  for (let n = 0; n < 5; n++) expect(((await (await attempt(n)).json()) as { status: number }).status, `attempt ${n + 1}`).toBe(401);
  for (let n = 5; n < 7; n++) expect(((await (await attempt(n)).json()) as { status: number }).status, `attempt ${n + 1}`).toBe(429);
  for (const context of contexts) await context.dispose();
});
