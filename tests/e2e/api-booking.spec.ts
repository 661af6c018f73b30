import { expect, test, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from '@playwright/test';
import { SECOND_PROCESS_URL } from '../../playwright.config';
import { addDays, DEMO_ACCOUNTS, DEMO_PASSWORD, en, expectProblem, fr, msg, type Catalogue } from './support';

/*
 * The booking API over HTTP, as a client program uses it: sessions from the sign-in form, JSON bodies,
 * problems in the caller's language. The demo operator runs Ocowork (Cabriès, open Mo-Fr 08:00-19:00,
 * Sa 09:00-12:30, closed on public holidays; `demo seed`, src/lib/server/booking/demo.ts) and adds the
 * resources these tests book, so that other suites' bookings of its demo resources are left alone. The
 * demo coworker holds a carnet there: these tests pay on site, leaving its days to the booking pages' tests.
 */
const PLACE = { slug: 'ocowork-cabries', commune: '13019' };
const { operator: OPERATOR, coworker: COWORKER, council: STRANGER, admin: ADMIN } = DEMO_ACCOUNTS;
const API = '/api/v1';
const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

type Playwright = PlaywrightWorkerArgs['playwright'];
type Language = 'fr' | 'en';
const CATALOGUES: [Language, Catalogue][] = [
  ['fr', fr],
  ['en', en],
];

// ————— Time, in Paris as the places keep it —————

const parisParts = () =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date())
      .map((part) => [part.type, part.value]),
  );
const parisToday = () => {
  const p = parisParts();
  return `${p.year}-${p.month}-${p.day}`;
};
const parisMinute = () => Number(parisParts().hour) * 60 + Number(parisParts().minute);
const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

// ————— Sessions and clients —————

const sessionToken = (setCookie: string | undefined) => /maillage\.session_token=([^;]+)/.exec(setCookie ?? '')?.[1];

/** Signs in through the sign-in form as a browser does (same-origin POST); returns the session token. */
async function signIn(playwright: Playwright, baseURL: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const context = await playwright.request.newContext({ baseURL });
  try {
    const response = await context.post('/connexion?/password', { form: { email, password }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
    expect(response.status(), `sign-in of ${email}`).toBe(303);
    const token = sessionToken(response.headers()['set-cookie']);
    expect(token, `session of ${email}`).toBeTruthy();
    return token!;
  } finally {
    await context.dispose();
  }
}

/** An API client sending this session's cookie (or none), on this app process. */
const apiClient = (playwright: Playwright, baseURL: string, token?: string) =>
  playwright.request.newContext({ baseURL, extraHTTPHeaders: token ? { cookie: `maillage.session_token=${token}` } : {} });

interface Booking {
  id: string;
  resourceId: string;
  day: string;
  period: string | null;
  start: string;
  end: string;
  status: string;
  payment: string;
  price: number;
}

interface Resource {
  id: string;
  kind: string;
  name: string;
  capacity: number;
}

interface DeskAvailability {
  resourceId: string;
  kind: 'desk-pool';
  free: { full: number; am: number; pm: number };
  open: boolean;
}

const book = (client: APIRequestContext, body: unknown, headers: Record<string, string> = {}) =>
  client.post(`${API}/bookings`, { data: body as object, headers: { 'content-type': 'application/json', ...headers } });

async function deskAvailability(client: APIRequestContext, resourceId: string, day: string): Promise<DeskAvailability> {
  const response = await client.get(`${API}/places/${PLACE.slug}/availability?date=${day}`);
  expect(response.status(), await response.text()).toBe(200);
  const desk = ((await response.json()) as { resources: DeskAvailability[] }).resources.find((r) => r.resourceId === resourceId);
  expect(desk, `resource ${resourceId} listed`).toBeDefined();
  return desk!;
}

/** The first weekday, `from` days ahead or later, on which this desk pool of the place is open (not a public holiday). */
async function nextOpenDay(client: APIRequestContext, resourceId: string, from: number): Promise<string> {
  for (let ahead = from; ahead < from + 14; ahead++) {
    const day = addDays(parisToday(), ahead);
    if (weekday(day) === 0 || weekday(day) === 6) continue;
    if ((await deskAvailability(client, resourceId, day)).open) return day;
  }
  throw new Error('the place is not open in the next two weeks');
}

async function createResource(client: APIRequestContext, body: Record<string, unknown>): Promise<Resource> {
  const response = await client.post(`${API}/places/${PLACE.slug}/resources`, { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Resource;
}

/**
 * Sends the same request in French and in English: each answer is the problem `status` with `code`, its
 * detail the catalogue's message in that language; for invalid input, one of its field errors is `field`'s.
 */
async function expectRefused(
  send: (headers: Record<string, string>) => Promise<APIResponse>,
  status: number,
  code: string,
  options: { params?: Record<string, string | number>; field?: { path: string; key: string } } = {},
): Promise<void> {
  for (const [language, catalogue] of CATALOGUES) {
    const problem = await expectProblem(await send({ 'accept-language': language }), status);
    expect(problem.code, language).toBe(code);
    if (options.field) {
      const { path, key } = options.field;
      expect(problem.errors, language).toEqual(expect.arrayContaining([{ path, message: msg(catalogue, key) }]));
    } else if (code !== 'invalid_input') {
      expect(problem.detail, language).toBe(msg(catalogue, `error_${code}`, options.params));
    }
  }
}

// ————— The journey and its refusals —————

test.describe('the booking API', () => {
  test.describe.configure({ mode: 'serial' });

  let operator: APIRequestContext;
  let coworker: APIRequestContext;
  let stranger: APIRequestContext;
  let anonymous: APIRequestContext;
  /** One seat, the place's hours. */
  let desks: Resource;
  /** A room within the place's hours. */
  let room: Resource;
  /** A room open day and night, so that a slot starts within the next hours whenever the tests run. */
  let nightRoom: Resource;
  let day: string;
  let booking: Booking;

  test.beforeAll(async ({ playwright, baseURL }) => {
    operator = await apiClient(playwright, baseURL!, await signIn(playwright, baseURL!, OPERATOR.email));
    coworker = await apiClient(playwright, baseURL!, await signIn(playwright, baseURL!, COWORKER.email));
    stranger = await apiClient(playwright, baseURL!, await signIn(playwright, baseURL!, STRANGER.email));
    anonymous = await apiClient(playwright, baseURL!);
    desks = await createResource(operator, { kind: 'desk-pool', name: `Bureaux API ${stamp}`, capacity: 1 });
    room = await createResource(operator, { kind: 'room', name: `Salle API ${stamp}`, capacity: 6, minMinutes: 60, maxMinutes: 240, bufferMinutes: 15 });
    nightRoom = await createResource(operator, { kind: 'room', name: `Salle de nuit API ${stamp}`, capacity: 2, minMinutes: 15, maxMinutes: 120, openingHours: '24/7' });
    // Two days ahead at least: the booker may still cancel (24 hours' notice).
    day = await nextOpenDay(anonymous, desks.id, 2);
  });
  test.afterAll(async () => {
    for (const client of [operator, coworker, stranger, anonymous]) await client?.dispose();
  });

  test('resources are added by the place’s team only, with JSON bodies; bad input is a 4xx in the caller’s language', async ({ baseURL }) => {
    expect(desks).toMatchObject({ kind: 'desk-pool', capacity: 1 });
    expect(nightRoom).toMatchObject({ kind: 'room', openingHours: '24/7' });
    const path = `${API}/places/${PLACE.slug}/resources`;
    const valid = { kind: 'desk-pool', name: 'Jamais créé', capacity: 3 };
    await expectRefused((headers) => anonymous.post(path, { data: valid, headers }), 401, 'sign_in_required');
    await expectRefused((headers) => coworker.post(path, { data: valid, headers }), 403, 'forbidden_action');
    await expectRefused((headers) => operator.post(`${API}/places/nulle-part-${stamp}/resources`, { data: valid, headers }), 404, 'place_not_found');
    await expectRefused((headers) => operator.post(path, { data: { ...valid, capacity: -2 }, headers }), 400, 'invalid_input', {
      field: { path: 'capacity', key: 'error_booking_capacity_invalid' },
    });
    await expectRefused((headers) => operator.post(path, { data: { ...valid, kind: 'sofa' }, headers }), 400, 'invalid_input', {
      field: { path: 'kind', key: 'error_booking_resource_kind_invalid' },
    });
    await expectRefused((headers) => operator.post(path, { form: valid, headers: { ...headers, origin: baseURL! } }), 415, 'json_required');
    // From another site, the framework refuses the form before it reaches the API.
    expect((await operator.post(path, { form: valid, headers: { origin: 'https://evil.example' } })).status()).toBe(403);
    // None of the refused ones was created.
    const listed = ((await (await anonymous.get(`${API}/places/${PLACE.slug}/availability?date=${day}`)).json()) as { resources: { name: string }[] }).resources;
    expect(listed.filter((r) => r.name === 'Jamais créé')).toHaveLength(0);
  });

  test('availability is public; a bad date is a 400 and an unknown place a 404, in French and in English', async () => {
    const response = await anonymous.get(`${API}/places/${PLACE.slug}/availability?date=${day}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { slug: string; day: string; resources: { resourceId: string; opening?: { from: string; to: string }[]; freeStarts?: string[] }[] };
    expect(body).toMatchObject({ slug: PLACE.slug, day });
    expect(body.resources.find((r) => r.resourceId === desks.id)).toMatchObject({ kind: 'desk-pool', capacity: 1, free: { full: 1, am: 1, pm: 1 }, open: true });
    // Its price: the place's offers (Ocowork sells a day at 20 €, 18 € for members).
    expect(body.resources.find((r) => r.resourceId === desks.id)).toMatchObject({
      price: { free: false, bookable: true, rates: [{ unit: 'day', price: 20, memberPrice: 18 }, { unit: 'half-day', price: 12 }] },
    });
    const roomDay = body.resources.find((r) => r.resourceId === room.id);
    expect(roomDay?.opening).toEqual([{ from: '08:00', to: '19:00' }]);
    expect(roomDay?.freeStarts?.[0]).toBe('08:00');

    // A week: each day in `days`, the first one also at the top.
    const week = (await (await anonymous.get(`${API}/places/${PLACE.slug}/availability?date=${day}&days=7`)).json()) as typeof body & {
      days: { day: string; resources: { resourceId: string }[] }[];
    };
    expect(week.days.map((d) => d.day)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => addDays(day, i)));
    // Tests running alongside add resources to the same place: compare those the one-day answer listed.
    const listedAlone = new Set(body.resources.map((r) => r.resourceId));
    expect(week.days[0]!.day).toBe(body.day);
    expect(week.days[0]!.resources.filter((r) => listedAlone.has(r.resourceId))).toEqual(body.resources);
    for (const days of ['0', '8']) {
      await expectRefused((headers) => anonymous.get(`${API}/places/${PLACE.slug}/availability?date=${day}&days=${days}`, { headers }), 400, 'booking_days_invalid', {
        params: { max: 7 },
      });
    }
    await expectRefused((headers) => anonymous.get(`${API}/places/${PLACE.slug}/availability?date=${day}&days=semaine`, { headers }), 400, 'invalid_input', {
      field: { path: 'days', key: 'error_integer_format' },
    });

    for (const date of ['2026-02-30', 'demain', '', '2026-1-2']) {
      await expectRefused((headers) => anonymous.get(`${API}/places/${PLACE.slug}/availability?date=${encodeURIComponent(date)}`, { headers }), 400, 'invalid_input', {
        field: { path: 'date', key: 'error_booking_day_invalid' },
      });
    }
    await expectRefused((headers) => anonymous.get(`${API}/places/${PLACE.slug}/availability`, { headers }), 400, 'invalid_input', {
      field: { path: 'date', key: 'error_booking_day_invalid' },
    });
    for (const slug of [`nulle-part-${stamp}`, '------------------------------------', '6c1f9a3e-0000-4000-8000-000000000000']) {
      await expectRefused((headers) => anonymous.get(`${API}/places/${slug}/availability?date=${day}`, { headers }), 404, 'place_not_found');
    }
  });

  test('free desks near a commune or a point, nearest first; bad input is a 400', async () => {
    const response = await anonymous.get(`${API}/availability?near=${PLACE.commune}&radiusKm=30&date=${day}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { day: string; radiusKm: number; items: { slug: string; distanceKm: number; capacity: number; free: { full: number } }[] };
    expect(body).toMatchObject({ day, radiusKm: 30 });
    const distances = body.items.map((item) => item.distanceKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const ocowork = body.items.find((item) => item.slug === PLACE.slug);
    expect(ocowork?.capacity).toBeGreaterThanOrEqual(1 + 20);
    // Around a point, with the default radius.
    const point = await anonymous.get(`${API}/availability?near=43.4,5.35&date=${day}`);
    expect(((await point.json()) as { radiusKm: number }).radiusKm).toBe(30);
    // A week: the same places, each with its seven days, the first as `free`.
    const week = (await (await anonymous.get(`${API}/availability?near=${PLACE.commune}&radiusKm=30&date=${day}&days=7`)).json()) as {
      items: { slug: string; free: object; days: { day: string; free: object }[] }[];
    };
    expect(week.items.map((item) => item.slug)).toEqual(body.items.map((item) => item.slug));
    const ocoworkWeek = week.items.find((item) => item.slug === PLACE.slug)!;
    expect(ocoworkWeek.days.map((d) => d.day)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => addDays(day, i)));
    expect(ocoworkWeek.days[0]!.free).toEqual(ocowork!.free);

    const bad: [string, string, { path: string; key: string } | null, Record<string, number>?][] = [
      [`near=nowhere&date=${day}`, 'invalid_input', { path: 'near', key: 'error_location_format' }],
      [`date=${day}`, 'invalid_input', { path: 'near', key: 'error_location_format' }],
      [`near=${PLACE.commune}&radiusKm=abc&date=${day}`, 'invalid_input', { path: 'radiusKm', key: 'error_number_format' }],
      [`near=${PLACE.commune}&date=2026-13-01`, 'invalid_input', { path: 'date', key: 'error_booking_day_invalid' }],
      [`near=${PLACE.commune}&radiusKm=0&date=${day}`, 'radius_invalid', null, { max: 200 }],
      [`near=${PLACE.commune}&radiusKm=-5&date=${day}`, 'radius_invalid', null, { max: 200 }],
      [`near=${PLACE.commune}&radiusKm=201&date=${day}`, 'radius_invalid', null, { max: 200 }],
      [`near=99999&date=${day}`, 'location_commune_unknown', null, { code: 99999 }],
      [`near=${PLACE.commune}&date=${day}&days=8`, 'booking_days_invalid', null, { max: 7 }],
      [`near=${PLACE.commune}&date=${day}&days=1.5`, 'invalid_input', { path: 'days', key: 'error_integer_format' }],
    ];
    for (const [query, code, field, params] of bad) {
      await expectRefused((headers) => anonymous.get(`${API}/availability?${query}`, { headers }), 400, code, { ...(field && { field }), ...(params && { params }) });
    }
  });

  test('a desk booked on the next open weekday; a retry with the same key returns it; a full pool is a 409', async () => {
    const key = `api-booking-${stamp}-desk`;
    const request = { resourceId: desks.id, day, payment: 'on-site' };
    const first = await book(coworker, request, { 'idempotency-key': key });
    expect(first.status(), await first.text()).toBe(201);
    booking = (await first.json()) as Booking;
    expect(booking).toMatchObject({ resourceId: desks.id, day, period: 'full', start: '08:00', end: '19:00', status: 'confirmed', payment: 'on-site' });
    expect(first.headers().location).toBe(`${API}/bookings/${booking.id}`);
    expect(first.headers()['idempotency-replayed']).toBeUndefined();
    expect(first.headers()['cache-control']).toBe('private, no-store');

    const retry = await book(coworker, request, { 'idempotency-key': key });
    expect(retry.status()).toBe(200);
    expect(retry.headers()['idempotency-replayed']).toBe('true');
    expect(((await retry.json()) as Booking).id).toBe(booking.id);

    const mine = (await (await coworker.get(`${API}/bookings?from=${day}`)).json()) as { items: Booking[] };
    expect(mine.items.filter((b) => b.resourceId === desks.id)).toEqual([expect.objectContaining({ id: booking.id })]);
    const read = await coworker.get(`${API}/bookings/${booking.id}`);
    expect(read.status()).toBe(200);
    expect(await read.json()).toEqual(booking);
    expect((await deskAvailability(anonymous, desks.id, day)).free).toEqual({ full: 0, am: 0, pm: 0 });

    // The one seat is taken: someone else is refused, with the reason.
    await expectRefused((headers) => book(stranger, { resourceId: desks.id, day, payment: 'on-site' }, headers), 409, 'booking_full');
    await expectRefused((headers) => book(stranger, { resourceId: desks.id, day, period: 'am', payment: 'on-site' }, headers), 409, 'booking_full');
    // The same key for another request.
    await expectRefused((headers) => book(coworker, { ...request, day: addDays(day, 7) }, { ...headers, 'idempotency-key': key }), 409, 'booking_idempotency_key_reused');
  });

  test('bad bookings are 4xx problems with the reason in French and in English, and book nothing', async ({ baseURL }) => {
    const sunday = addDays(parisToday(), ((7 - weekday(parisToday())) % 7) + 7);
    const valid = { resourceId: room.id, day, start: '10:00', end: '11:00', payment: 'on-site' };
    const cases: [string, unknown, number, string, { params?: Record<string, string | number>; field?: { path: string; key: string } }?][] = [
      ['a past date', { ...valid, day: '2020-01-06' }, 400, 'booking_day_past'],
      ['yesterday', { ...valid, day: addDays(parisToday(), -1) }, 400, 'booking_day_past'],
      ['too far ahead', { ...valid, day: addDays(parisToday(), 400) }, 400, 'booking_day_too_far', { params: { days: 365 } }],
      ['a day the place is closed', { resourceId: desks.id, day: sunday, payment: 'on-site' }, 409, 'booking_closed'],
      ['a room outside the hours', { ...valid, start: '06:00', end: '07:00' }, 409, 'booking_outside_hours'],
      ['a room off the quarter hour', { ...valid, start: '10:05', end: '11:05' }, 400, 'booking_times_invalid'],
      ['a room for too long', { ...valid, start: '08:00', end: '18:00' }, 400, 'booking_duration_invalid', { params: { min: 60, max: 240 } }],
      ['an end before the start', { ...valid, start: '11:00', end: '10:00' }, 400, 'booking_times_invalid'],
      ['a room without times', { resourceId: room.id, day }, 400, 'booking_times_required'],
      ['times on a desk', { resourceId: desks.id, day, start: '10:00', end: '11:00' }, 400, 'booking_desk_by_period'],
      ['a negative time', { ...valid, start: '-01:00' }, 400, 'invalid_input', { field: { path: 'start', key: 'error_booking_time_invalid' } }],
      ['a time as a number', { ...valid, start: 600 }, 400, 'invalid_input', { field: { path: 'start', key: 'error_booking_time_invalid' } }],
      ['a date as a number', { ...valid, day: 20261201 }, 400, 'invalid_input', { field: { path: 'day', key: 'error_booking_day_invalid' } }],
      ['an impossible date', { ...valid, day: '2027-02-29' }, 400, 'invalid_input', { field: { path: 'day', key: 'error_booking_day_invalid' } }],
      ['an overlong id', { ...valid, resourceId: 'a'.repeat(100_000) }, 400, 'invalid_input', { field: { path: 'resourceId', key: 'error_booking_id_invalid' } }],
      ['an id as a number', { ...valid, resourceId: -1 }, 400, 'invalid_input', { field: { path: 'resourceId', key: 'error_booking_id_invalid' } }],
      ['an unknown period', { resourceId: desks.id, day, period: 'night' }, 400, 'invalid_input', { field: { path: 'period', key: 'error_booking_period_invalid' } }],
      ['an unknown payment', { ...valid, payment: 'bitcoin' }, 400, 'invalid_input', { field: { path: 'payment', key: 'error_booking_payment_invalid' } }],
      ['an array', [valid], 400, 'invalid_input', { field: { path: '', key: 'error_invalid_value' } }],
      ['null', null, 400, 'invalid_input', { field: { path: '', key: 'error_invalid_value' } }],
      ['an unknown resource', { ...valid, resourceId: '6c1f9a3e-0000-4000-8000-000000000000' }, 404, 'booking_resource_not_found'],
      ['a carnet they do not hold', { ...valid, payment: 'carnet', entitlementId: '6c1f9a3e-0000-4000-8000-000000000000' }, 409, 'booking_carnet_unavailable'],
    ];
    for (const [what, body, status, code, options] of cases) {
      await test.step(what, async () => {
        await expectRefused((headers) => coworker.post(`${API}/bookings`, { data: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } }), status, code, options);
      });
    }
    await test.step('a body that is not JSON', async () => {
      await expectRefused((headers) => coworker.post(`${API}/bookings`, { data: Buffer.from('{"resourceId":'), headers: { ...headers, 'content-type': 'application/json' } }), 400, 'invalid_json');
    });
    await test.step('another content type: 415, whatever the body (a cross-site form cannot post JSON)', async () => {
      await expectRefused((headers) => coworker.post(`${API}/bookings`, { form: { resourceId: room.id, day }, headers: { ...headers, origin: baseURL! } }), 415, 'json_required');
      expect((await coworker.post(`${API}/bookings`, { form: { resourceId: room.id, day }, headers: { origin: 'https://evil.example' } })).status()).toBe(403);
      await expectRefused((headers) => coworker.post(`${API}/bookings`, { data: JSON.stringify(valid), headers: { ...headers, origin: baseURL!, 'content-type': 'text/plain' } }), 415, 'json_required');
      await expectRefused((headers) => coworker.post(`${API}/bookings`, { headers }), 415, 'json_required');
    });
    await test.step('a malformed idempotency key', async () => {
      await expectRefused((headers) => book(coworker, valid, { ...headers, 'idempotency-key': 'short' }), 400, 'invalid_input', {
        field: { path: '', key: 'error_booking_idempotency_key_invalid' },
      });
    });
    await test.step('nobody signed in', async () => {
      await expectRefused((headers) => book(anonymous, valid, headers), 401, 'sign_in_required');
      await expectRefused((headers) => anonymous.get(`${API}/bookings`, { headers }), 401, 'sign_in_required');
      await expectRefused((headers) => anonymous.get(`${API}/bookings/${booking.id}`, { headers }), 401, 'sign_in_required');
      await expectRefused((headers) => anonymous.delete(`${API}/bookings/${booking.id}`, { headers }), 401, 'sign_in_required');
    });
    await test.step('a bad query string of my bookings', async () => {
      await expectRefused((headers) => coworker.get(`${API}/bookings?from=hier`, { headers }), 400, 'invalid_input', { field: { path: 'from', key: 'error_booking_day_invalid' } });
    });

    // Nothing was booked on the room that day, nor on the Sunday.
    const roomDay = ((await (await anonymous.get(`${API}/places/${PLACE.slug}/availability?date=${day}`)).json()) as { resources: { resourceId: string; busy: unknown[] }[] }).resources.find(
      (r) => r.resourceId === room.id,
    );
    expect(roomDay?.busy).toEqual([]);
    const mine = (await (await coworker.get(`${API}/bookings?from=${addDays(parisToday(), -1)}`)).json()) as { items: Booking[] };
    expect(mine.items.filter((b) => b.resourceId === room.id || b.day === sunday)).toEqual([]);
  });

  test('someone else’s booking is a 404, as an unknown or malformed id; the booker cancels it, once', async () => {
    for (const id of [booking.id, '6c1f9a3e-0000-4000-8000-000000000000', 'x', `${booking.id}0`]) {
      await expectRefused((headers) => stranger.get(`${API}/bookings/${id}`, { headers }), 404, 'booking_not_found');
      await expectRefused((headers) => stranger.delete(`${API}/bookings/${id}`, { headers }), 404, 'booking_not_found');
      await expectRefused((headers) => stranger.post(`${API}/bookings/${id}/check-in`, { data: {}, headers }), 404, 'booking_not_found');
    }
    expect(((await (await stranger.get(`${API}/bookings`)).json()) as { items: Booking[] }).items.map((b) => b.id)).not.toContain(booking.id);
    // Not today: no check-in yet.
    await expectRefused((headers) => coworker.post(`${API}/bookings/${booking.id}/check-in`, { data: { code: '123456' }, headers }), 409, 'booking_check_in_not_today');

    const cancelled = await coworker.delete(`${API}/bookings/${booking.id}`);
    expect(cancelled.status(), await cancelled.text()).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id: booking.id, status: 'cancelled' });
    await expectRefused((headers) => coworker.delete(`${API}/bookings/${booking.id}`, { headers }), 409, 'booking_not_cancellable');
    expect((await deskAvailability(anonymous, desks.id, day)).free).toEqual({ full: 1, am: 1, pm: 1 });
    // The key still names the booking it made: a late retry gets it back, cancelled, and books nothing.
    const retry = await book(coworker, { resourceId: desks.id, day, payment: 'on-site' }, { 'idempotency-key': `api-booking-${stamp}-desk` });
    expect(retry.status()).toBe(200);
    expect(await retry.json()).toMatchObject({ id: booking.id, status: 'cancelled' });
    expect((await deskAvailability(anonymous, desks.id, day)).free.full).toBe(1);
  });

  test('within the notice the booker may not cancel, the team may; the team checks in without a code, the booker needs the right one', async () => {
    // The next quarter hour, today, or just after midnight: less than 24 hours ahead either way.
    const now = parisMinute();
    const soon = Math.ceil((now + 2) / 15) * 15;
    const [slotDay, start] = soon + 15 <= 1440 ? [parisToday(), soon] : [addDays(parisToday(), 1), 0];
    const made = await book(coworker, { resourceId: nightRoom.id, day: slotDay, start: clock(start), end: clock(start + 15), payment: 'on-site' });
    expect(made.status(), await made.text()).toBe(201);
    const late = (await made.json()) as Booking;

    await expectRefused((headers) => coworker.delete(`${API}/bookings/${late.id}`, { headers }), 409, 'booking_cancel_too_late', { params: { hours: 24 } });
    const today = slotDay === parisToday();
    if (today) {
      await expectRefused((headers) => coworker.post(`${API}/bookings/${late.id}/check-in`, { data: { code: 'abcdef' }, headers }), 400, 'invalid_input', {
        field: { path: 'code', key: 'error_booking_check_in_code_invalid' },
      });
      const wrong = await coworker.post(`${API}/bookings/${late.id}/check-in`, { data: { code: '000000' } });
      const right = await operator.post(`${API}/bookings/${late.id}/check-in`, { data: {} });
      // 000000 may, once in a million days, be the code of the day.
      if (wrong.status() !== 200) {
        await expectProblem(wrong, 403);
        expect(right.status(), await right.text()).toBe(200);
        expect(await right.json()).toMatchObject({ id: late.id, status: 'checked-in' });
      }
      await expectRefused((headers) => operator.post(`${API}/bookings/${late.id}/check-in`, { data: {}, headers }), 409, 'booking_not_checkable');
    } else {
      await expectRefused((headers) => operator.post(`${API}/bookings/${late.id}/check-in`, { data: {}, headers }), 409, 'booking_check_in_not_today');
      const cancelled = await operator.delete(`${API}/bookings/${late.id}`);
      expect(cancelled.status(), await cancelled.text()).toBe(200);
      expect(await cancelled.json()).toMatchObject({ status: 'cancelled' });
    }
    // The team reads it; the booker's list shows its new status.
    expect((await operator.get(`${API}/bookings/${late.id}`)).status()).toBe(200);
    const mine = (await (await coworker.get(`${API}/bookings?from=${slotDay}`)).json()) as { items: Booking[] };
    expect(mine.items.find((b) => b.id === late.id)?.status).toBe(today ? 'checked-in' : 'cancelled');
  });
});

// ————— Concurrency —————

const CROWD = 60;
const SEATS = 10;
const PASSWORD = 'une phrase de passe assez longue';

/** The verification link of the latest message to `email`, as the demo administrator reads it in the outbox. */
async function verificationPath(admin: APIRequestContext, email: string): Promise<string> {
  const list = await (await admin.get(`/admin/outbox?recipient=${encodeURIComponent(email)}`)).text();
  const message = /href="(\/admin\/outbox\/\d+)"/.exec(list)?.[1];
  expect(message, `a message to ${email}`).toBeTruthy();
  const page = await (await admin.get(message!)).text();
  const link = /href="https?:\/\/[^/"]+(\/api\/auth\/verify-email\?[^"]+)"/.exec(page)?.[1];
  expect(link, `the verification link sent to ${email}`).toBeTruthy();
  return link!.replaceAll('&amp;', '&');
}

/** Signs a newcomer up through the sign-up form and follows the e-mailed link, which signs them in. */
async function newcomerSession(playwright: Playwright, baseURL: string, admin: APIRequestContext, n: number): Promise<string> {
  const email = `foule.${stamp}.${n}@example.org`;
  const context = await playwright.request.newContext({ baseURL });
  try {
    const signUp = await context.post('/inscription', { form: { name: `Personne ${n} de la foule`, email, password: PASSWORD }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
    expect(signUp.status(), `sign-up of ${email}`).toBeLessThan(400);
    const verified = await context.get(await verificationPath(admin, email), { maxRedirects: 0 });
    expect(verified.status(), `verification of ${email}`).toBe(302);
    const token = sessionToken(verified.headers()['set-cookie']);
    expect(token, `session of ${email}`).toBeTruthy();
    return token!;
  } finally {
    await context.dispose();
  }
}

test.describe('concurrent bookings', () => {
  const tokens: string[] = [];
  let pool: Resource;
  let day: string;

  test.beforeAll(async ({ playwright, baseURL }, testInfo) => {
    testInfo.setTimeout(300_000);
    const operator = await apiClient(playwright, baseURL!, await signIn(playwright, baseURL!, OPERATOR.email));
    const admin = await apiClient(playwright, baseURL!, await signIn(playwright, baseURL!, ADMIN.email));
    try {
      pool = await createResource(operator, { kind: 'desk-pool', name: `Plateau de la foule ${stamp}`, capacity: SEATS });
      day = await nextOpenDay(operator, pool.id, 2);
      // Six at a time: each sign-up hashes a password.
      for (let first = 0; first < CROWD; first += 6) {
        tokens.push(...(await Promise.all(Array.from({ length: Math.min(6, CROWD - first) }, (_, i) => newcomerSession(playwright, baseURL!, admin, first + i)))));
      }
    } finally {
      await operator.dispose();
      await admin.dispose();
    }
  });

  test(`${CROWD} people at once for ${SEATS} seats${SECOND_PROCESS_URL ? ', across two app processes' : ''}: exactly ${SEATS} booked, the others told it is full`, async ({ playwright, baseURL }) => {
    expect(new Set(tokens).size).toBe(CROWD);
    const processes = SECOND_PROCESS_URL ? [baseURL!, SECOND_PROCESS_URL] : [baseURL!];
    const clients = await Promise.all(tokens.map((token, i) => apiClient(playwright, processes[i % processes.length]!, token)));
    try {
      const answers = await Promise.all(
        clients.map(async (client, i) => {
          const response = await book(client, { resourceId: pool.id, day, payment: 'on-site' }, { 'idempotency-key': `foule-${stamp}-${i}` });
          return { status: response.status(), body: (await response.json()) as { code?: string; id?: string } };
        }),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(SEATS);
      expect(statuses.filter((s) => s === 409)).toHaveLength(CROWD - SEATS);
      expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(Array(CROWD - SEATS).fill('booking_full'));
      expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id)).size).toBe(SEATS);
      // Each process sees the pool full.
      for (const process of processes) {
        const client = await apiClient(playwright, process);
        expect((await deskAvailability(client, pool.id, day)).free, process).toEqual({ full: 0, am: 0, pm: 0 });
        await client.dispose();
      }
      // Those who got a seat have it; the others have none.
      const held = await Promise.all(
        clients.map(async (client) => ((await (await client.get(`${API}/bookings?from=${day}`)).json()) as { items: Booking[] }).items.filter((b) => b.resourceId === pool.id)),
      );
      expect(held.map((list) => list.length).sort()).toEqual([...Array(CROWD - SEATS).fill(0), ...Array(SEATS).fill(1)]);
    } finally {
      for (const client of clients) await client.dispose();
    }
  });
});
