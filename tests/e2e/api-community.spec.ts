import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import { SECOND_PROCESS_URL } from '../../playwright.config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, en, expectProblem, fr } from './support';

/*
 * The skills directory's API as a client program uses it: public search with distances, members-only profiles
 * for signed-in people, relayed messages that never carry an address, and bad input refused with a problem in
 * the caller's language, nothing saved. The demo's synthetic members (`demo seed`, community/demo.ts) are
 * searched; a newcomer signed up here writes, so that the rate limit counts only this spec's messages.
 */
const API = '/api/v1';
const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const MESSAGES_PER_HOUR = 10;
type Playwright = PlaywrightWorkerArgs['playwright'];

interface Profile {
  id: string;
  publicName: string;
  visibility: string;
  skills: { key: string; label: string }[];
  commune: { code: string; name: string } | null;
  distanceKm: number | null;
}

const sessionToken = (setCookie: string | undefined) => /maillage\.session_token=([^;]+)/.exec(setCookie ?? '')?.[1];

async function signIn(playwright: Playwright, baseURL: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const context = await playwright.request.newContext({ baseURL });
  try {
    const response = await context.post('/connexion?/password', { form: { email, password }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
    expect(response.status(), `sign-in of ${email}`).toBe(303);
    return sessionToken(response.headers()['set-cookie'])!;
  } finally {
    await context.dispose();
  }
}

/** A newcomer signed up through the form, verified from the link the administrator reads in the outbox. */
async function newcomer(playwright: Playwright, baseURL: string, admin: APIRequestContext, n: number): Promise<string> {
  // New at each call: a worker that runs this file's tests between others' runs its beforeAll again.
  const email = `competences.${stamp}.${n}.${Math.random().toString(36).slice(2, 8)}@example.org`;
  const context = await playwright.request.newContext({ baseURL });
  try {
    const signUp = await context.post('/inscription', { form: { name: `Entreprise ${n}`, email, password: 'une phrase de passe assez longue' }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
    expect(signUp.status(), `sign-up of ${email}: ${/role="alert"[^>]*>([^<]*)/.exec(await signUp.text())?.[1] ?? ''}`).toBeLessThan(400);
    // The verification e-mail is written as the sign-up answers: read the outbox until it is there.
    let link = '';
    await expect
      .poll(async () => {
        const list = await (await admin.get(`/admin/outbox?recipient=${encodeURIComponent(email)}`)).text();
        const message = /href="(\/admin\/outbox\/\d+)"/.exec(list)?.[1];
        if (!message) return '';
        link = /href="https?:\/\/[^/"]+(\/api\/auth\/verify-email\?[^"]+)"/.exec(await (await admin.get(message)).text())?.[1]?.replaceAll('&amp;', '&') ?? '';
        return link;
      })
      .not.toBe('');
    const verified = await context.get(link, { maxRedirects: 0 });
    return sessionToken(verified.headers()['set-cookie'])!;
  } finally {
    await context.dispose();
  }
}

const client = (playwright: Playwright, baseURL: string, token?: string) =>
  playwright.request.newContext({ baseURL, extraHTTPHeaders: token ? { cookie: `maillage.session_token=${token}` } : {} });

const write = (c: APIRequestContext, id: string, body: unknown, headers: Record<string, string> = {}) =>
  c.post(`${API}/profiles/${id}/messages`, { data: body as object, headers: { 'content-type': 'application/json', ...headers } });

async function search(c: APIRequestContext, query: string): Promise<Profile[]> {
  const response = await c.get(`${API}/profiles?${query}`);
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { items: Profile[] }).items;
}

test.describe('the profiles API', () => {
  let anonymous: APIRequestContext;
  let member: APIRequestContext;
  let writer: APIRequestContext;
  let developer: Profile;

  test.beforeAll(async ({ playwright, baseURL }, testInfo) => {
    testInfo.setTimeout(120_000);
    anonymous = await client(playwright, baseURL!);
    const admin = await client(playwright, baseURL!, await signIn(playwright, baseURL!, DEMO_ACCOUNTS.admin.email));
    member = await client(playwright, baseURL!, await signIn(playwright, baseURL!, DEMO_ACCOUNTS.council.email));
    writer = await client(playwright, baseURL!, await newcomer(playwright, baseURL!, admin, 1));
    developer = (await search(anonymous, 'skill=web-development&near=46182&radiusKm=20')).find((p) => p.publicName === 'Julien Ferrand')!;
  });
  test.afterAll(async () => {
    await Promise.all([anonymous, member, writer].map((c) => c?.dispose()));
  });

  test('finds web developers within 20 km of Luzech, nearest first, with no address or phone', async () => {
    const response = await anonymous.get(`${API}/profiles?skill=web-development&near=46182&radiusKm=20`);
    const text = await response.text();
    expect(text).not.toContain('@');
    expect(text).not.toMatch(/"(email|phone)"/);
    const items = (JSON.parse(text) as { items: Profile[] }).items;
    expect(developer.commune).toEqual({ code: '46064', name: 'Catus' });
    const distances = items.map((p) => p.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(Math.max(...distances)).toBeLessThanOrEqual(20);
    expect(items.every((p) => p.skills.some((s) => s.key === 'web-development'))).toBe(true);
    // Around Cabriès, 20 km reach none of the Lot's members.
    expect((await search(anonymous, 'skill=web-development&near=13019&radiusKm=20')).map((p) => p.publicName)).not.toContain('Julien Ferrand');
  });

  test('shows members-only profiles to signed-in people only; words match without accents', async () => {
    expect((await search(anonymous, 'skill=translation')).map((p) => p.publicName)).not.toContain('Sofia Almeida');
    expect((await search(member, 'skill=translation')).map((p) => p.publicName)).toContain('Sofia Almeida');
    expect((await search(anonymous, 'q=DEVELOPPEUR%20web')).map((p) => p.publicName)).toContain('Julien Ferrand');
  });

  test('refuses an unknown skill and a radius of 0 or over 200 km, in the caller’s language', async () => {
    const unknown = await expectProblem(await anonymous.get(`${API}/profiles?skill=underwater-basketry`), 400);
    expect(unknown.errors?.[0]?.message).toBe(fr.error_community_skill_unknown);
    expect(unknown.errors?.[0]?.path).toBe('skill');
    for (const radius of ['0', '201']) {
      const problem = await expectProblem(await anonymous.get(`${API}/profiles?near=46182&radiusKm=${radius}`, { headers: { 'accept-language': 'en' } }), 400);
      expect(problem.errors?.[0]?.message).toBe(en.error_community_radius_invalid);
    }
  });

  test('relays a message without an address; refuses the unsigned, forms, private profiles and empty text', async ({ playwright, baseURL }) => {
    const sent = await write(writer, developer.id, { body: `Bonjour ${stamp}, un site à refaire ?` });
    expect(sent.status(), await sent.text()).toBe(201);
    const body = (await sent.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['conversationId', 'messageId']);
    expect(sent.headers().location).toBe(`/compte/messages/${body.conversationId}`);

    await expectProblem(await write(anonymous, developer.id, { body: 'Bonjour' }), 401);
    await expectProblem(await writer.post(`${API}/profiles/${developer.id}/messages`, { form: { body: 'Bonjour' }, headers: { origin: baseURL! } }), 415);
    await expectProblem(await write(writer, developer.id, { body: '   ' }), 400);
    await expectProblem(await write(writer, 'nobody-here', { body: 'Bonjour' }), 404);
    // A private profile: the council's newcomer makes one and nobody can write to it.
    const privateToken = await newcomer(playwright, baseURL!, await client(playwright, baseURL!, await signIn(playwright, baseURL!, DEMO_ACCOUNTS.admin.email)), 2);
    const owner = await client(playwright, baseURL!, privateToken);
    const saved = await owner.post('/compte/profil?/save', { form: { publicName: 'Profil privé', visibility: 'private', skill_accounting: 'on' }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
    expect(saved.status()).toBe(303);
    const me = await (await owner.get(`${API}/me`)).json();
    const problem = await expectProblem(await write(writer, (me as { id: string }).id, { body: 'Bonjour' }), 404);
    expect(problem.code).toBe('community_profile_not_found');
    await owner.dispose();
  });

  test(`stops a writer after ${MESSAGES_PER_HOUR} messages an hour, and keeps nothing of the refused one`, async ({ playwright, baseURL }) => {
    // A writer of its own: tests of this file may run in parallel workers.
    const admin = await client(playwright, baseURL!, await signIn(playwright, baseURL!, DEMO_ACCOUNTS.admin.email));
    const token = await newcomer(playwright, baseURL!, admin, 3);
    const busy = await client(playwright, baseURL!, token);
    // On PostgreSQL, every other message goes to the second app process: the count is the database's, shared.
    const other = SECOND_PROCESS_URL ? await client(playwright, SECOND_PROCESS_URL, token) : busy;
    for (let i = 1; i <= MESSAGES_PER_HOUR; i++) expect((await write(i % 2 ? busy : other, developer.id, { body: `Relance ${i}` })).status()).toBe(201);
    const refused = await expectProblem(await write(other, developer.id, { body: `De trop ${stamp}` }), 429);
    expect(refused.code).toBe('community_rate_limited');
    const conversations = await (await busy.get('/compte/messages')).text();
    const path = /href="(\/compte\/messages\/[0-9a-f-]+)"/.exec(conversations)![1]!;
    const thread = await (await busy.get(path)).text();
    expect(thread).toContain('Relance 10');
    expect(thread).not.toContain(`De trop ${stamp}`);
    await Promise.all([admin.dispose(), busy.dispose(), other.dispose()]);
  });
});
