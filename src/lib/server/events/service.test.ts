import { sql } from 'drizzle-orm';
import ical from 'ical-generator';
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { operatorWithPlace } from '../../../../tests/factories/places.ts';
import { ANONYMOUS, deleteAccount, exportPersonalData, type Accounts } from '../accounts/index.ts';
import { queryRows, type Database } from '../db/index.ts';
import { calendarOf } from './calendar.ts';
import type { EventContext } from './context.ts';
import { addRegistrationsTo, cachedFeed, feedTag, publicFeed } from './feeds.ts';
import { sendDueReminders } from './reminders.ts';
import { cancelOccurrence, cancelRegistration, cancelSeries, checkIn, createEvent, moveOccurrence, myRegistrations, occurrenceFor, register, registrantsOf, seriesForTeam } from './service.ts';
import { localOf } from './time.ts';
import { registrantsCsv } from './views.ts';

let database: Database;
let accounts: Accounts;
let animator: SignedIn;
let organizationId: string;
let placeId: string;
let placeSlug: string;

/** Monday 2 March 2026, 10:00 in Paris (winter time). */
const NOW = new Date('2026-03-02T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
  const operator = await operatorWithPlace(accounts, { name: 'Ocowork test', kind: 'coworking', communeCode: '13019' });
  animator = operator.owner;
  organizationId = operator.organizationId;
  placeId = operator.place.id;
  placeSlug = operator.place.slug;
});
afterAll(() => database?.close());

const as = (person: SignedIn | null, now = NOW): EventContext => ({ db: accounts.db, actor: person ? person.ctx.actor : ANONYMOUS, mailer: accounts.mailer, now });
const afterwork = (extra: Record<string, unknown> = {}) => ({
  organizationId,
  placeId,
  kind: 'afterwork',
  title: 'Afterwork du jeudi',
  start: '2026-03-12T19:00',
  end: '2026-03-12T21:00',
  rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=6',
  registrationRequired: true,
  ...extra,
});
const outboxCount = async (template: string) =>
  (await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from outbox_message where template = ${template}`))[0]!.n;
const people = (n: number) => Promise.all(Array.from({ length: n }, () => signedUpPerson(accounts)));

describe('a weekly afterwork across the change to summer time', () => {
  it('keeps 19:00 in Paris on both sides, skips and moves occurrences with stable ids', async () => {
    const { id } = await createEvent(as(animator), afterwork({ exdates: '2026-03-19' }));
    const team = await seriesForTeam(as(animator), id);
    // 12 March (UTC+1), 19 March skipped, 26 March (UTC+1), then 2 April (UTC+2, after 29 March).
    expect(team.occurrences.map((o) => o.start.toISOString())).toEqual([
      '2026-03-12T18:00:00.000Z',
      '2026-03-26T18:00:00.000Z',
      '2026-04-02T17:00:00.000Z',
      '2026-04-09T17:00:00.000Z',
      '2026-04-16T17:00:00.000Z',
    ]);
    const moved = team.occurrences[2]!;
    await moveOccurrence(as(animator), moved.id, { start: '2026-04-03T18:00', end: '2026-04-03T20:00' });
    const after = await seriesForTeam(as(animator), id);
    const same = after.occurrences.find((o) => o.id === moved.id)!;
    expect(same.start.toISOString()).toBe('2026-04-03T16:00:00.000Z');
    expect(same.moved).toBe(true);
    await cancelOccurrence(as(animator), after.occurrences[3]!.id);
    const feed = await publicFeed(accounts.db, { kind: 'place', slug: placeSlug }, NOW, 'http://localhost');
    expect(feed).toContain(`UID:${moved.id}@maillage`);
    expect(feed).toContain('DTSTART:20260403T160000Z');
    expect(feed).toContain('STATUS:CANCELLED');
    expect(feed).not.toContain('20260319T180000Z');
    // Two parsers read the same local times: 19:00 in Paris before and after the change, the moved one at 18:00.
    const paris = (d: Date) => localOf(d, 'Europe/Paris');
    const parsed = Object.values(nodeIcal.sync.parseICS(feed)).filter((c) => c?.type === 'VEVENT') as { uid: string; start: Date; status?: string }[];
    const byUid = new Map(parsed.map((e) => [e.uid, e]));
    for (const o of team.occurrences) expect(paris(byUid.get(`${o.id}@maillage`)!.start)).toBe(o.id === moved.id ? '2026-04-03T18:00' : `${paris(o.start).slice(0, 10)}T19:00`);
    const viaIcalJs = new ICAL.Component(ICAL.parse(feed)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(viaIcalJs.map((e) => paris(e.startDate.toJSDate())).sort()).toEqual(parsed.map((e) => paris(e.start)).sort());
    expect(viaIcalJs.filter((e) => e.component.getFirstPropertyValue('status') === 'CANCELLED')).toHaveLength(1);
  });

  it('refuses bad input with 4xx and saves nothing', async () => {
    const before = (await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from events`))[0]!.n;
    expect((await domainRejection(createEvent(as(animator), afterwork({ end: '2026-03-12T18:00' })))).code).toBe('events_end_before_start');
    expect((await domainRejection(createEvent(as(animator), afterwork({ rrule: 'FREQ=WEKLY' })))).code).toBe('events_rrule_invalid');
    expect((await domainRejection(createEvent(as(animator), afterwork({ rrule: 'FREQ=DAILY;BYFOO=1' })))).code).toBe('events_rrule_invalid');
    expect((await domainRejection(createEvent(as(animator), afterwork({ rrule: 'FREQ=DAILY' })))).code).toBe('events_too_many_occurrences');
    expect((await domainRejection(createEvent(as(animator), afterwork({ rrule: 'FREQ=DAILY;COUNT=501' })))).code).toBe('events_too_many_occurrences');
    expect((await domainRejection(createEvent(as(null), afterwork()))).kind).toBe('unauthenticated');
    const stranger = await signedUpPerson(accounts);
    // Not a member of the organization: its existence is not theirs to know.
    expect((await domainRejection(createEvent(as(stranger), afterwork()))).kind).toBe('not_found');
    const after = (await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from events`))[0]!.n;
    expect(after).toBe(before);
    // 500 exactly is accepted.
    await createEvent(as(animator), afterwork({ rrule: 'FREQ=DAILY;COUNT=500', title: 'Permanence' }));
  });
});

describe('registrations', () => {
  it('seats, then waits, then promotes in order when someone cancels, and mails each step', async () => {
    const { id } = await createEvent(as(animator), afterwork({ capacity: 2, waitlist: true, rrule: undefined, title: 'Atelier 2 places' }));
    const [a, b, c, d] = await people(4);
    const ref = `${id}`;
    const ra = await register(as(a!), ref);
    const rb = await register(as(b!), ref);
    const rc = await register(as(c!), ref, 'key-c-000001');
    const rd = await register(as(d!), ref);
    expect([ra, rb, rc, rd].map((r) => r.registration.status)).toEqual(['confirmed', 'confirmed', 'waiting', 'waiting']);
    expect(rd.registration.position).toBe(2);
    // A retry with the same key is the same registration; the same key elsewhere is refused.
    const retry = await register(as(c!), ref, 'key-c-000001');
    expect(retry).toMatchObject({ replayed: true, registration: { id: rc.registration.id } });
    const waitingBefore = await outboxCount('event-waiting');
    expect(waitingBefore).toBeGreaterThanOrEqual(2);
    await cancelRegistration(as(b!), rb.registration.id);
    const { registrants } = await registrantsOf(as(animator), (await occurrenceFor(accounts.db, ANONYMOUS, ref)).occurrence.id);
    expect(registrants.map((r) => [r.email, r.status, r.position])).toEqual([
      [a!.email, 'confirmed', null],
      [c!.email, 'confirmed', null],
      [d!.email, 'waiting', 1],
    ]);
    expect(await outboxCount('event-promoted')).toBe(1);
    // Each person's own list: the promoted one has a seat, the next waits first, the one who cancelled has nothing.
    expect((await myRegistrations(as(c!))).map((r) => [r.title, r.status, r.position])).toEqual([['Atelier 2 places', 'confirmed', null]]);
    expect((await myRegistrations(as(d!))).map((r) => [r.status, r.position])).toEqual([['waiting', 1]]);
    expect(await myRegistrations(as(b!))).toEqual([]);
    expect((await domainRejection(myRegistrations({ db: accounts.db, actor: ANONYMOUS }))).kind).toBe('unauthenticated');
    // Check-in and the CSV for the organizer.
    expect(await checkIn(as(animator), ra.registration.id)).toBe(true);
    expect(await checkIn(as(animator), rd.registration.id)).toBe(false);
    expect((await domainRejection(checkIn(as(a!), ra.registration.id))).kind).toBe('forbidden');
    const { csv } = await registrantsCsv(as(animator), (await occurrenceFor(accounts.db, ANONYMOUS, ref)).occurrence.id);
    expect(csv.split('\r\n')[1]).toContain(`${a!.email},confirmed,,`);
    expect(csv).toContain(',yes');
  });

  it('refuses a full event without a waiting list (409) and saves nothing', async () => {
    const { id } = await createEvent(as(animator), afterwork({ capacity: 1, waitlist: false, rrule: undefined, title: 'Une seule place' }));
    const [a, b] = await people(2);
    await register(as(a!), id);
    const refusal = await domainRejection(register(as(b!), id));
    expect([refusal.kind, refusal.code]).toEqual(['conflict', 'events_full']);
    const rows = await queryRows(accounts.db, sql`select 1 from event_registrations where event_id = ${id}::uuid`);
    expect(rows).toHaveLength(1);
  });

  // Signing 30 people up goes through better-auth (password hashing): slow on purpose.
  it('never seats more than capacity when 30 register at once', { timeout: 180_000 }, async () => {
    const { id } = await createEvent(as(animator), afterwork({ capacity: 10, waitlist: true, rrule: undefined, title: 'Course aux places' }));
    const crowd = await people(30);
    const results = await Promise.all(crowd.map((p) => register(as(p), id)));
    expect(results.filter((r) => r.registration.status === 'confirmed')).toHaveLength(10);
    expect(results.filter((r) => r.registration.status === 'waiting')).toHaveLength(20);
    const [count] = await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from event_registrations where event_id = ${id}::uuid and status = 'confirmed'`);
    expect(count!.n).toBe(10);
    // The waiting list is in order: positions 1 to 20, each once.
    const positions = results.flatMap((r) => (r.registration.position ? [r.registration.position] : [])).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('cancelling an occurrence or the series cancels registrations and tells each registrant', async () => {
    const { id } = await createEvent(as(animator), afterwork({ capacity: 10, rrule: 'FREQ=WEEKLY;COUNT=3', title: 'Série annulée' }));
    const [a, b] = await people(2);
    const first = (await seriesForTeam(as(animator), id)).occurrences;
    await register(as(a!), first[0]!.id);
    await register(as(b!), first[1]!.id);
    const before = await outboxCount('event-cancelled');
    await cancelOccurrence(as(animator), first[0]!.id);
    expect(await outboxCount('event-cancelled')).toBe(before + 1);
    expect((await domainRejection(register(as(b!), first[0]!.id))).code).toBe('events_cancelled');
    await cancelSeries(as(animator), id);
    expect(await outboxCount('event-cancelled')).toBe(before + 2);
    const active = await queryRows(accounts.db, sql`select 1 from event_registrations where event_id = ${id}::uuid and status <> 'cancelled'`);
    expect(active).toHaveLength(0);
  });
});

describe('reminders', () => {
  it('are claimed once by two claimers at the same time, in the outbox with their claim', async () => {
    const { id } = await createEvent(as(animator), afterwork({ capacity: 50, rrule: undefined, start: '2026-03-05T19:00', end: '2026-03-05T21:00', title: 'Rappel' }));
    const crowd = await people(12);
    await Promise.all(crowd.map((p) => register(as(p), id)));
    const before = await outboxCount('event-reminder');
    // Two days before: nothing is due.
    expect(await sendDueReminders(accounts.db, accounts.mailer, new Date('2026-03-03T12:00:00Z'))).toBe(0);
    const dayBefore = new Date('2026-03-04T19:00:00Z');
    const [one, two] = await Promise.all([sendDueReminders(accounts.db, accounts.mailer, dayBefore), sendDueReminders(accounts.db, accounts.mailer, dayBefore)]);
    expect(one + two).toBe(12);
    expect(await sendDueReminders(accounts.db, accounts.mailer, new Date('2026-03-05T10:00:00Z'))).toBe(0);
    expect(await outboxCount('event-reminder')).toBe(before + 12);
  });
});

describe('calendar, feeds and personal data', () => {
  it('lists public events for anyone and members-only ones for people signed in', async () => {
    await createEvent(as(animator), afterwork({ rrule: undefined, audience: 'members', title: 'Réservé aux membres', start: '2026-03-10T12:00', end: '2026-03-10T13:00' }));
    const titles = async (actor: EventContext['actor']) =>
      (await calendarOf(accounts.db, actor, { place: placeSlug, from: '2026-03-10', to: '2026-03-10' }, NOW)).items.map((i) => i.series.title);
    expect(await titles(ANONYMOUS)).not.toContain('Réservé aux membres');
    expect(await titles(animator.ctx.actor)).toContain('Réservé aux membres');
    expect((await domainRejection(calendarOf(accounts.db, ANONYMOUS, { near: '46182', radiusKm: '0' }, NOW))).code).toBe('invalid_input');
    const near = await calendarOf(accounts.db, ANONYMOUS, { near: '13019', radiusKm: '10', from: '2026-03-01', to: '2026-04-30' }, NOW);
    expect(near.items.length).toBeGreaterThan(0);
    expect(near.items.every((i) => (i.distanceKm ?? 99) <= 10)).toBe(true);
  });

  it("keeps a feed's ETag until something changes", async () => {
    const scope = { kind: 'place', slug: placeSlug } as const;
    const tag = await feedTag(accounts.db, scope, NOW);
    expect(await feedTag(accounts.db, scope, NOW)).toBe(tag);
    const kept = await cachedFeed(accounts.db, scope, tag, NOW, 'http://localhost');
    expect(kept).toBe(await publicFeed(accounts.db, scope, NOW, 'http://localhost'));
    await createEvent(as(animator), afterwork({ rrule: undefined, title: 'Nouveau' }));
    const moved = await feedTag(accounts.db, scope, NOW);
    expect(moved).not.toBe(tag);
    // The kept body is for the old tag: the new one is built again and holds the new event.
    expect(await cachedFeed(accounts.db, scope, moved, NOW, 'http://localhost')).toContain('SUMMARY:Nouveau');
  });

  it("puts a person's registrations in their private calendar", async () => {
    const { id } = await createEvent(as(animator), afterwork({ capacity: 5, rrule: undefined, title: 'Dans mon agenda', start: '2026-11-10T19:00', end: '2026-11-10T20:00' }));
    const person = await signedUpPerson(accounts);
    const { registration } = await register(as(person), id);
    const calendar = ical();
    await addRegistrationsTo(calendar, accounts.db, person.userId, 'http://localhost');
    const text = calendar.toString();
    expect(text).toContain(`UID:${registration.occurrenceId}@maillage`);
    expect(text).toContain('DTSTART:20261110T180000Z');
  });

  it('exports registrations and anonymises them on erasure', async () => {
    const { id } = await createEvent(as(animator), afterwork({ capacity: 5, rrule: undefined, title: 'Données personnelles', start: '2026-12-10T19:00', end: '2026-12-10T20:00' }));
    const person = await signedUpPerson(accounts);
    await register(as(person), id);
    const exported = await exportPersonalData(accounts.db, person.ctx.actor);
    expect(JSON.stringify(exported)).toContain('Données personnelles');
    await deleteAccount(person.ctx, { confirmEmail: person.email });
    const rows = await queryRows<{ user_id: string | null; status: string }>(accounts.db, sql`select user_id, status from event_registrations where event_id = ${id}::uuid`);
    expect(rows).toEqual([{ user_id: null, status: 'cancelled' }]);
  });
});
