import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { SECOND_PROCESS_URL } from '../../playwright.config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, en, expectProblem, fr, msg } from './support';

/*
 * The events API and feeds over HTTP, as a client program and a calendar app use them. Events are created
 * through the organizers' form (the demo operator runs Ocowork, Cabriès); registrations through the JSON API,
 * across both app processes on PostgreSQL. Demo data (src/lib/server/events/demo.ts): a weekly afterwork at
 * Ocowork, a monthly training in the Lot, a network meeting online.
 */
const { operator: OPERATOR, coworker: COWORKER, council: COUNCIL, admin: ADMIN } = DEMO_ACCOUNTS;
const API = '/api/v1';
type Playwright = PlaywrightWorkerArgs['playwright'];

const sessionToken = (setCookie: string | undefined) => /maillage\.session_token=([^;]+)/.exec(setCookie ?? '')?.[1];
const tokens = new Map<string, string>();

async function signIn(playwright: Playwright, baseURL: string, email: string): Promise<string> {
  if (tokens.has(email)) return tokens.get(email)!;
  const context = await playwright.request.newContext({ baseURL });
  try {
    const response = await context.post('/connexion?/password', { form: { email, password: DEMO_PASSWORD }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
    expect(response.status(), `sign-in of ${email}`).toBe(303);
    const token = sessionToken(response.headers()['set-cookie'])!;
    tokens.set(email, token);
    return token;
  } finally {
    await context.dispose();
  }
}

const client = (playwright: Playwright, baseURL: string, token?: string) =>
  playwright.request.newContext({ baseURL, extraHTTPHeaders: token ? { cookie: `maillage.session_token=${token}` } : {} });

const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const paris = (date: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(date).replace(' ', 'T');

/** Creates an event through the organizers' form as the demo operator; returns the series id, or the page's answer when refused. */
async function createEvent(request: APIRequestContext, baseURL: string, fields: Record<string, string>) {
  const page = await request.get('/gestion/evenements');
  const organizationId = /<option value="([^"]+)"[^>]*>Coopérative/.exec(await page.text())?.[1] ?? '';
  // The place's id from the API: the form lists the places of the organizer it selects first, and other tests may
  // give the operator organizations of their own meanwhile.
  const placeId = ((await (await request.get(`${API}/places/ocowork-cabries`)).json()) as { id: string }).id;
  const response = await request.post('/gestion/evenements?/create', {
    form: { organizationId, placeId, kind: 'workshop', registrationRequired: 'on', ...fields },
    headers: { origin: baseURL, accept: 'text/html' },
    maxRedirects: 0,
  });
  const location = response.headers()['location'] ?? '';
  return { response, id: /\/gestion\/evenements\/([0-9a-f-]{36})$/.exec(location)?.[1] ?? null };
}

test.describe.configure({ mode: 'serial' });

test('the calendar API lists the demo events with their local times and filters', async ({ request }) => {
  const from = parisToday();
  const all = await request.get(`${API}/events?from=${from}&to=${addDays(from, 120)}`);
  expect(all.status()).toBe(200);
  const { items } = (await all.json()) as { items: { id: string; title: string; localStart: string; place: { slug: string } | null; start: string }[] };
  const afterworks = items.filter((i) => i.title === 'Afterwork des coworkers');
  expect(afterworks.length).toBeGreaterThan(10);
  // Every Thursday at 18:30 in Paris, whatever the season.
  for (const a of afterworks) {
    expect(a.localStart.slice(11)).toBe('18:30');
    expect(paris(new Date(a.start))).toBe(a.localStart);
  }
  const near = (await (await request.get(`${API}/events?near=13019&radiusKm=15&to=${addDays(from, 120)}`)).json()) as { items: { place: { slug: string } | null }[] };
  expect(near.items.length).toBeGreaterThan(0);
  expect(near.items.every((i) => i.place?.slug !== 'coworking-vallee-du-lot-et-du-vignoble')).toBe(true);
  const lot = (await (await request.get(`${API}/events?territory=departement:46&to=${addDays(from, 120)}`)).json()) as { items: { title: string }[] };
  expect(lot.items.map((i) => i.title)).toContain('Atelier numérique : se lancer en indépendant');
  expect(lot.items.map((i) => i.title)).not.toContain('Afterwork des coworkers');
  const one = await request.get(`${API}/events/${afterworks[0]!.id}`);
  expect(one.status()).toBe(200);
  expect(((await one.json()) as { id: string }).id).toBe(afterworks[0]!.id);
  await expectProblem(await request.get(`${API}/events/00000000-0000-4000-8000-000000000000`), 404);
});

test('bad queries are 4xx problems in the caller language', async ({ request }) => {
  for (const [lang, catalogue] of [['fr', fr], ['en', en]] as const) {
    const radius = await expectProblem(await request.get(`${API}/events?near=46182&radiusKm=0`, { headers: { 'accept-language': lang } }), 400);
    expect(JSON.stringify(radius)).toContain(msg(catalogue, 'error_radius_invalid', { max: 200 }));
    const range = await expectProblem(await request.get(`${API}/events?from=2026-05-10&to=2026-05-01`, { headers: { 'accept-language': lang } }), 400);
    expect(JSON.stringify(range)).toContain(msg(catalogue, 'error_events_range_invalid'));
  }
  await expectProblem(await request.get(`${API}/events?territory=canton:12`), 400);
});

test('an organizer bad event is refused with its message and nothing is saved', async ({ playwright, baseURL }) => {
  const operator = await client(playwright, baseURL!, await signIn(playwright, baseURL!, OPERATOR.email));
  const start = `${addDays(parisToday(), 10)}T19:00`;
  // Each refusal is shown on the form (a fragment of its message without apostrophes, which HTML may encode).
  const cases: [Record<string, string>, string][] = [
    [{ title: 'Fin avant début', start, end: `${addDays(parisToday(), 10)}T18:00` }, 'doit finir après son début'],
    [{ title: 'Règle invalide', start, end: `${addDays(parisToday(), 10)}T20:00`, rrule: 'FREQ=SOMETIMES' }, 'Cette règle de récurrence'],
    [{ title: 'Trop de dates', start, end: `${addDays(parisToday(), 10)}T20:00`, rrule: 'FREQ=DAILY;COUNT=501' }, 'plus de 500 dates'],
  ];
  for (const [fields, fragment] of cases) {
    const { response, id } = await createEvent(operator, baseURL!, fields);
    expect(id).toBeNull();
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain(fragment);
  }
  const list = await (await operator.get(`${API}/events?place=ocowork-cabries&from=${addDays(parisToday(), 10)}&to=${addDays(parisToday(), 10)}`)).json();
  expect((list as { items: { title: string }[] }).items.map((i) => i.title)).not.toContain('Fin avant début');
  await operator.dispose();
});

test('registrations: a seat, the waiting list, refusal when full, idempotent retries, across both processes', async ({ playwright, baseURL }) => {
  const operator = await client(playwright, baseURL!, await signIn(playwright, baseURL!, OPERATOR.email));
  const day = addDays(parisToday(), 12);
  const full = await createEvent(operator, baseURL!, { title: `Une place ${Date.now()}`, start: `${day}T10:00`, end: `${day}T11:00`, capacity: '1' });
  const race = await createEvent(operator, baseURL!, { title: `Deux places ${Date.now()}`, start: `${day}T14:00`, end: `${day}T15:00`, capacity: '2', waitlist: 'on' });
  expect(full.id && race.id).toBeTruthy();
  const people = await Promise.all([COWORKER, COUNCIL, ADMIN, OPERATOR].map(async (p) => signIn(playwright, baseURL!, p.email)));
  const bases = [baseURL!, SECOND_PROCESS_URL ?? baseURL!];
  const clients = await Promise.all(people.map((token, i) => client(playwright, bases[i % 2]!, token)));
  const post = (c: APIRequestContext, id: string, key?: string, lang = 'fr') =>
    c.post(`${API}/events/${id}/registrations`, { data: {}, headers: { 'content-type': 'application/json', 'accept-language': lang, ...(key ? { 'idempotency-key': key } : {}) } });

  // Full without a waiting list: 409, in the caller's language; nothing saved.
  const key = `reg-${Date.now()}`;
  const first = await post(clients[0]!, full.id!, key);
  expect(first.status()).toBe(201);
  expect(((await first.json()) as { status: string }).status).toBe('confirmed');
  const retry = await post(clients[0]!, full.id!, key);
  expect(retry.status()).toBe(200);
  expect(retry.headers()['idempotency-replayed']).toBe('true');
  const refused = await expectProblem(await post(clients[1]!, full.id!, undefined, 'en'), 409);
  expect(refused.code).toBe('events_full');
  expect(refused.detail).toBe(msg(en, 'error_events_full'));
  await expectProblem(await post(clients[0]!, race.id!, key), 409);
  // A form body is refused before anything is read (from another site, the origin check refuses it first).
  const form = await clients[1]!.post(`${API}/events/${race.id}/registrations`, { form: { x: '1' }, headers: { origin: bases[1]! } });
  expect(form.status()).toBe(415);

  // Four at once for two seats, over both processes: two seated, two waiting, in order.
  const results = await Promise.all(clients.map((c) => post(c, race.id!)));
  const statuses = await Promise.all(results.map(async (r) => ((await r.json()) as { status: string }).status));
  expect(results.map((r) => r.status())).toEqual([201, 201, 201, 201]);
  expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(2);
  expect(statuses.filter((s) => s === 'waiting')).toHaveLength(2);
  const detail = (await (await clients[0]!.get(`${API}/events/${race.id}`)).json()) as { seatsLeft: number; waiting: number };
  expect(detail).toMatchObject({ seatsLeft: 0, waiting: 2 });
  await expectProblem(await post(clients[0]!, 'not-an-id'), 404);
  const anonymous = await client(playwright, baseURL!);
  await expectProblem(await post(anonymous, race.id!), 401);
  for (const c of [...clients, anonymous, operator]) await c.dispose();
});

test('feeds parse with two iCalendar parsers and answer 304 when nothing changed', async ({ request }) => {
  const network = await request.get('/calendrier/reseau.ics');
  expect(network.status()).toBe(200);
  expect(network.headers()['content-type']).toContain('text/calendar');
  const etag = network.headers()['etag']!;
  expect(etag).toBeTruthy();
  expect((await request.get('/calendrier/reseau.ics', { headers: { 'if-none-match': etag } })).status()).toBe(304);
  const place = await (await request.get('/calendrier/lieux/ocowork-cabries.ics')).text();
  const viaNodeIcal = Object.values(nodeIcal.sync.parseICS(place)).filter((c) => c?.type === 'VEVENT') as { summary: string; start: Date }[];
  const viaIcalJs = new ICAL.Component(ICAL.parse(place)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const afterworks = viaNodeIcal.filter((e) => e.summary === 'Afterwork des coworkers');
  expect(afterworks.length).toBeGreaterThan(20);
  expect(new Set(afterworks.map((e) => paris(e.start).slice(11)))).toEqual(new Set(['18:30']));
  expect(viaIcalJs.filter((e) => e.summary === 'Afterwork des coworkers').map((e) => paris(e.startDate.toJSDate())).sort()).toEqual(afterworks.map((e) => paris(e.start)).sort());
  const lot = await (await request.get('/calendrier/territoires/departements/46.ics')).text();
  expect(lot).toContain('Atelier numérique');
  expect(lot).not.toContain('Afterwork des coworkers');
  expect((await request.get('/calendrier/lieux/pas-un-lieu.ics')).status()).toBe(404);
  expect((await request.get('/calendrier/territoires/cantons/46.ics')).status()).toBe(404);
});
