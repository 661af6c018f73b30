import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { toCents } from '../../money.ts';
import { assertCan, can, requireUser, type Actor } from '../accounts/index.ts';
import { queryRows, type Db } from '../db/database.ts';
import { conflict, invalid, notFound, parse } from '../errors.ts';
import type { EventContext } from './context.ts';
import { EventInput, MoveInput, eventId as eventIdContract, idempotencyKey as idempotencyKeyContract, occurrenceRef } from './contracts.ts';
import { enqueueEventMails } from './mail.ts';
import { findSeries, occurrencesOf, type Series } from './queries.ts';
import { localStarts, normaliseRrule, type Occurrence } from './recurrence.ts';
import { events } from './schema.ts';
import { instantOfLocal, parseCompactUtc } from './time.ts';
import { DEFAULT_TIME_ZONE, MAX_OCCURRENCES, type RegistrationStatus } from './vocabulary.ts';

/*
 * Events: series written by an organizing team, occurrences known by series and original start, and
 * registrations decided by the database: a registration locks its occurrence's row (one upsert), then counts
 * the seats on a snapshot taken after the lock, so any number of processes never seat more than capacity.
 */

const nowOf = (ctx: { now?: Date }) => ctx.now ?? new Date();

/** Who may see a series: public ones everyone, members-only ones signed-in people, a team its own. */
const visibleTo = (actor: Actor, series: Series) => series.audience === 'public' || actor.kind === 'user';

/** A series by id, visible to the actor, or a 404 (`events_not_found`). */
export async function seriesFor(db: Db, actor: Actor, id: string): Promise<Series> {
  // A malformed id names nothing: the same 404 as an unknown one.
  if (!eventIdContract.safeParse(id).success) throw notFound('events_not_found');
  const [series] = await findSeries(db, sql`e.id = ${id}::uuid`);
  if (!series || !(visibleTo(actor, series) || can(actor, 'event.manage', { type: 'event', organizationId: series.organizationId }))) throw notFound('events_not_found');
  return series;
}

/** An occurrence (by its id; a series id names its first occurrence when it has only one), with its series. */
export async function occurrenceFor(db: Db, actor: Actor, ref: string): Promise<{ series: Series; occurrence: Occurrence }> {
  if (!occurrenceRef.safeParse(ref).success) throw notFound('events_not_found');
  const [seriesId, compact] = ref.split('_') as [string, string | undefined];
  const series = await seriesFor(db, actor, seriesId);
  const all = occurrencesOf(series);
  const originalStart = compact ? parseCompactUtc(compact) : null;
  const occurrence = compact ? all.find((o) => originalStart && o.originalStart.getTime() === originalStart.getTime()) : all.length === 1 ? all[0] : undefined;
  if (!occurrence) throw notFound('events_not_found');
  return { series, occurrence };
}

/** The organizations an actor creates events for, with the places each may host them at. */
export interface OrganizerChoice {
  id: string;
  name: string;
  kind: string;
  places: { id: string; name: string }[];
}

export async function organizerChoices(ctx: EventContext): Promise<OrganizerChoice[]> {
  const actor = requireUser(ctx.actor);
  const ids = actor.memberships.map((m) => m.organizationId);
  if (!ids.length) return [];
  const rows = await queryRows<{ id: string; name: string; kind: string; places: { id: string; name: string }[] }>(
    ctx.db,
    sql`select o.id, o.name, o.kind,
               coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name) order by p.name) from places p
                         where p.status <> 'closed' and not p.synthetic and (o.kind <> 'operator' or p.operator_organization_id = o.id)
                           and (o.kind = 'operator' or p.operator_organization_id is not null)), '[]') as places
        from organization o where o.id in (select x from json_array_elements_text(${JSON.stringify(ids)}::json) as t(x)) order by o.name`,
  );
  return rows.filter((row) => can(actor, 'event.create', { type: 'organization', id: row.id, kind: row.kind as never }));
}

/** Checks an event's input and computes its span: `events_end_before_start`, an invalid RRULE, over 500 occurrences… */
function seriesRow(input: EventInput) {
  if (!input.placeId && !input.onlineUrl) throw invalid('events_where_required', {}, [{ path: 'placeId', message: 'events_where_required' }]);
  if (input.end <= input.start) throw invalid('events_end_before_start', {}, [{ path: 'end', message: 'events_end_before_start' }]);
  // Places are in metropolitan France for now: their zone is Paris (the column keeps another for later).
  const timeZone = DEFAULT_TIME_ZONE;
  const startLocal = input.start;
  const durationMinutes = Math.round((Date.parse(`${input.end}:00Z`) - Date.parse(`${startLocal}:00Z`)) / 60_000);
  if (durationMinutes > 20_160) throw invalid('events_too_long', {}, [{ path: 'end', message: 'events_too_long' }]);
  const time = startLocal.slice(10);
  const rrule = input.rrule ? normaliseRrule(input.rrule) : null;
  const shape = { startLocal, durationMinutes, timeZone, rrule, exdates: (input.exdates ?? []).map((day) => `${day}${time}`) };
  let starts: string[];
  try {
    starts = localStarts(shape);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // The same refusal, tied to the RRULE field for the form.
    const params: Record<string, number> = code === 'events_too_many_occurrences' ? { max: MAX_OCCURRENCES } : {};
    if (code) throw invalid(code, params, [{ path: 'rrule', message: code, params }]);
    throw error;
  }
  if (!starts.length) throw invalid('events_no_occurrence', {}, [{ path: 'exdates', message: 'events_no_occurrence' }]);
  const firstStart = instantOfLocal(starts[0]!, timeZone);
  const lastEnd = new Date(instantOfLocal(starts.at(-1)!, timeZone).getTime() + durationMinutes * 60_000);
  return { ...shape, firstStart, lastEnd };
}

/** Creates a series for an organization whose team the actor is in; refusals say which field. */
export async function createEvent(ctx: EventContext, input: unknown): Promise<{ id: string }> {
  const data = parse(EventInput, input);
  const [org] = await queryRows<{ id: string; kind: string }>(ctx.db, sql`select id, kind from organization where id = ${data.organizationId}`);
  if (!org) throw notFound('organization_not_found');
  const actor = assertCan(ctx.actor, 'event.create', { type: 'organization', id: org.id, kind: org.kind as never });
  if (data.placeId) {
    const [place] = await queryRows<{ own: boolean }>(ctx.db, sql`select operator_organization_id is not distinct from ${org.id} as own from places where id = ${data.placeId}::uuid`);
    if (!place) throw invalid('events_place_invalid', {}, [{ path: 'placeId', message: 'events_place_invalid' }]);
    // An operator's team organizes at its own places; a territory or a network at any place of the network.
    if (org.kind === 'operator' && !place.own) throw invalid('events_place_not_yours', {}, [{ path: 'placeId', message: 'events_place_not_yours' }]);
  }
  const span = seriesRow(data);
  const id = randomUUID();
  await ctx.db.insert(events).values({
    id,
    organizationId: org.id,
    placeId: data.placeId ?? null,
    onlineUrl: data.onlineUrl ?? null,
    createdBy: actor.userId,
    kind: data.kind,
    audience: data.audience,
    title: data.title,
    description: data.description,
    ...span,
    capacity: data.capacity ?? null,
    // Without a seat limit nobody ever waits.
    waitlist: data.capacity !== undefined && data.waitlist,
    registrationRequired: data.registrationRequired,
    priceCents: data.price ? toCents(data.price) : null,
  });
  return { id };
}

/** The series for its team: 404 to anyone else (its management is not theirs to know). */
async function managedSeries(ctx: EventContext, id: string): Promise<Series> {
  const [series] = await findSeries(ctx.db, sql`e.id = ${parse(eventIdContract, id)}::uuid`);
  if (!series || !can(ctx.actor, 'event.manage', { type: 'event', organizationId: series.organizationId })) {
    requireUser(ctx.actor);
    throw notFound('events_not_found');
  }
  return series;
}

async function managedOccurrence(ctx: EventContext, ref: string) {
  const [seriesId, compact] = parse(occurrenceRef, ref).split('_') as [string, string | undefined];
  const series = await managedSeries(ctx, seriesId);
  const originalStart = compact ? parseCompactUtc(compact) : null;
  const occurrence = occurrencesOf(series).find((o) => originalStart && o.originalStart.getTime() === originalStart.getTime());
  if (!occurrence) throw notFound('events_not_found');
  return { series, occurrence };
}

/** Locks an occurrence's row (created on first use) to the end of the transaction: the capacity decisions queue here. */
async function lockOccurrence(tx: Db, seriesId: string, originalStart: Date) {
  await queryRows(
    tx,
    sql`insert into event_occurrences (event_id, original_start) values (${seriesId}::uuid, ${originalStart.toISOString()}::timestamptz)
        on conflict (event_id, original_start) do update set event_id = excluded.event_id`,
  );
}

const touch = (tx: Db, seriesId: string) => queryRows(tx, sql`update events set updated_at = now() where id = ${seriesId}::uuid`);

/** Cancels one occurrence: its registrations are cancelled and each registrant told by e-mail. */
export async function cancelOccurrence(ctx: EventContext, ref: string): Promise<void> {
  const { series, occurrence } = await managedOccurrence(ctx, ref);
  if (occurrence.cancelled) return;
  const deliveries = await ctx.db.transaction(async (tx) => {
    await lockOccurrence(tx, series.id, occurrence.originalStart);
    await queryRows(tx, sql`update event_occurrences set cancelled_at = now() where event_id = ${series.id}::uuid and original_start = ${occurrence.originalStart.toISOString()}::timestamptz`);
    const people = await queryRows<{ user_id: string | null }>(
      tx,
      sql`update event_registrations set status = 'cancelled', cancelled_at = now()
          where event_id = ${series.id}::uuid and original_start = ${occurrence.originalStart.toISOString()}::timestamptz and status <> 'cancelled'
          returning user_id`,
    );
    await touch(tx, series.id);
    return enqueueEventMails(tx, ctx.mailer, 'event-cancelled', series, { ...occurrence, cancelled: true }, people.flatMap((p) => (p.user_id ? [p.user_id] : [])));
  });
  for (const deliver of deliveries) await deliver();
}

/** Cancels the whole series: every registration to an occurrence still to come is cancelled, with an e-mail. */
export async function cancelSeries(ctx: EventContext, id: string): Promise<void> {
  const series = await managedSeries(ctx, id);
  if (series.cancelledAt) return;
  const now = nowOf(ctx);
  const deliveries = await ctx.db.transaction(async (tx) => {
    await queryRows(tx, sql`update events set cancelled_at = now(), updated_at = now() where id = ${series.id}::uuid`);
    const people = await queryRows<{ user_id: string | null; original_start: string | Date }>(
      tx,
      sql`update event_registrations set status = 'cancelled', cancelled_at = now()
          where event_id = ${series.id}::uuid and status <> 'cancelled' and original_start >= ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz
          returning user_id, original_start`,
    );
    const all = occurrencesOf(series);
    const sent = [];
    for (const occurrence of all) {
      const ids = people.filter((p) => p.user_id && new Date(p.original_start).getTime() === occurrence.originalStart.getTime()).map((p) => p.user_id!);
      if (ids.length && occurrence.end > now) sent.push(...(await enqueueEventMails(tx, ctx.mailer, 'event-cancelled', series, { ...occurrence, cancelled: true }, ids)));
    }
    return sent;
  });
  for (const deliver of deliveries) await deliver();
}

/** Moves one occurrence (it keeps its id); its registrants are told the new time. */
export async function moveOccurrence(ctx: EventContext, ref: string, input: unknown): Promise<void> {
  const { series, occurrence } = await managedOccurrence(ctx, ref);
  const move = parse(MoveInput, input);
  if (move.end <= move.start) throw invalid('events_end_before_start', {}, [{ path: 'end', message: 'events_end_before_start' }]);
  if (occurrence.cancelled) throw conflict('events_cancelled');
  const startsAt = instantOfLocal(move.start, series.timeZone);
  const endsAt = instantOfLocal(move.end, series.timeZone);
  const moved = { ...occurrence, start: startsAt, end: endsAt, moved: true };
  const deliveries = await ctx.db.transaction(async (tx) => {
    await lockOccurrence(tx, series.id, occurrence.originalStart);
    await queryRows(
      tx,
      sql`update event_occurrences set starts_at = ${startsAt.toISOString()}::timestamptz, ends_at = ${endsAt.toISOString()}::timestamptz
          where event_id = ${series.id}::uuid and original_start = ${occurrence.originalStart.toISOString()}::timestamptz`,
    );
    // The span the calendars select series by follows the move.
    await queryRows(
      tx,
      sql`update events set updated_at = now(), first_start = least(first_start, ${startsAt.toISOString()}::timestamptz),
                             last_end = greatest(last_end, ${endsAt.toISOString()}::timestamptz) where id = ${series.id}::uuid`,
    );
    const people = await queryRows<{ user_id: string }>(
      tx,
      sql`select user_id from event_registrations where event_id = ${series.id}::uuid and original_start = ${occurrence.originalStart.toISOString()}::timestamptz
          and status <> 'cancelled' and user_id is not null`,
    );
    return enqueueEventMails(tx, ctx.mailer, 'event-moved', series, moved, people.map((p) => p.user_id));
  });
  for (const deliver of deliveries) await deliver();
}

/** A registration as its person (or the API) sees it. */
export interface Registration {
  id: string;
  occurrenceId: string;
  status: RegistrationStatus;
  /** Place in the waiting list, from 1; null when not waiting. */
  position: number | null;
}

export interface RegistrationResult {
  registration: Registration;
  /** true when the same Idempotency-Key (or an earlier registration to the same occurrence) had made it. */
  replayed: boolean;
}

interface RegistrationRow {
  id: string;
  event_id: string;
  original_start: string | Date;
  status: RegistrationStatus;
  position: number | null;
}

const registrationOf = (row: RegistrationRow, occurrenceId: string): Registration => ({
  id: row.id,
  occurrenceId,
  status: row.status,
  position: row.status === 'waiting' ? Number(row.position) : null,
});

const positionSql = sql`case when r.status = 'waiting' then (select count(*) from event_registrations w where w.event_id = r.event_id
  and w.original_start = r.original_start and w.status = 'waiting' and w.seq < r.seq)::int + 1 end`;

/**
 * Registers the actor to an occurrence: a seat while there is one, else the waiting list, else 409
 * `events_full`. The occurrence's row is locked first, then seats are counted, then the registration and its
 * e-mail are written, in one transaction: capacity holds whatever the number of processes. A retry with the
 * same Idempotency-Key (or a second registration to the same occurrence) finds the registration made.
 */
export async function register(ctx: EventContext, ref: string, key?: string | null): Promise<RegistrationResult> {
  const actor = assertCan(ctx.actor, 'event.register', { type: 'instance' });
  const idempotencyKey = key === undefined || key === null ? null : parse(idempotencyKeyContract, key);
  const { series, occurrence } = await occurrenceFor(ctx.db, ctx.actor, ref);
  const existing = async (db: Db) => {
    const [row] = await queryRows<RegistrationRow & { key_match: boolean }>(
      db,
      sql`select r.id, r.event_id, r.original_start, r.status, ${positionSql} as position,
                 (r.event_id = ${series.id}::uuid and r.original_start = ${occurrence.originalStart.toISOString()}::timestamptz) as key_match
          from event_registrations r
          where r.user_id = ${actor.userId} and ((${idempotencyKey}::text is not null and r.idempotency_key = ${idempotencyKey})
             or (r.event_id = ${series.id}::uuid and r.original_start = ${occurrence.originalStart.toISOString()}::timestamptz and r.status <> 'cancelled'))
          order by (r.idempotency_key = ${idempotencyKey}) desc nulls last limit 1`,
    );
    if (row && !row.key_match) throw conflict('events_idempotency_key_reused');
    return row ? { registration: registrationOf(row, occurrence.id), replayed: true } : null;
  };
  const found = await existing(ctx.db);
  if (found) return found;
  if (!series.registrationRequired) throw conflict('events_registration_not_required');
  if (occurrence.cancelled) throw conflict('events_cancelled');
  if (occurrence.start <= nowOf(ctx)) throw conflict('events_past');
  try {
    const made = await ctx.db.transaction(async (tx) => {
      await lockOccurrence(tx, series.id, occurrence.originalStart);
      const again = await existing(tx);
      if (again) return { result: again, deliveries: [] };
      const [seats] = await queryRows<{ confirmed: number }>(
        tx,
        sql`select count(*)::int as confirmed from event_registrations
            where event_id = ${series.id}::uuid and original_start = ${occurrence.originalStart.toISOString()}::timestamptz and status = 'confirmed'`,
      );
      const status: RegistrationStatus = series.capacity === null || seats!.confirmed < series.capacity ? 'confirmed' : series.waitlist ? 'waiting' : 'cancelled';
      if (status === 'cancelled') throw conflict('events_full');
      const [row] = await queryRows<RegistrationRow>(
        tx,
        sql`insert into event_registrations as r (event_id, original_start, user_id, status, idempotency_key)
            values (${series.id}::uuid, ${occurrence.originalStart.toISOString()}::timestamptz, ${actor.userId}, ${status}, ${idempotencyKey})
            returning r.id, r.event_id, r.original_start, r.status, ${positionSql} as position`,
      );
      const deliveries = await enqueueEventMails(tx, ctx.mailer, status === 'confirmed' ? 'event-registered' : 'event-waiting', series, occurrence, [actor.userId]);
      return { result: { registration: registrationOf(row!, occurrence.id), replayed: false }, deliveries };
    });
    for (const deliver of made.deliveries) await deliver();
    return made.result;
  } catch (error) {
    // The same key or occurrence written at the same moment by a retry that won the race.
    if ((error as { code?: string; cause?: { code?: string } }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505') {
      const again = await existing(ctx.db);
      if (again) return again;
    }
    throw error;
  }
}

/**
 * Gives up a registration (its person, or the organizing team). When it held a seat, the first of the
 * waiting list takes it, in the same transaction, and is told by e-mail.
 */
export async function cancelRegistration(ctx: EventContext, id: string): Promise<void> {
  const user = requireUser(ctx.actor);
  const [found] = await queryRows<{ event_id: string; original_start: string | Date; user_id: string | null; status: RegistrationStatus; organization_id: string }>(
    ctx.db,
    sql`select r.event_id, r.original_start, r.user_id, r.status, e.organization_id from event_registrations r join events e on e.id = r.event_id
        where r.id = ${parse(eventIdContract, id)}::uuid`,
  );
  if (!found || !(found.user_id === user.userId || can(user, 'event.manage', { type: 'event', organizationId: found.organization_id }))) throw notFound('events_registration_not_found');
  if (found.status === 'cancelled') return;
  const originalStart = new Date(found.original_start);
  const series = (await findSeries(ctx.db, sql`e.id = ${found.event_id}::uuid`))[0]!;
  const occurrence = occurrencesOf(series).find((o) => o.originalStart.getTime() === originalStart.getTime());
  const deliveries = await ctx.db.transaction(async (tx) => {
    await lockOccurrence(tx, found.event_id, originalStart);
    const [was] = await queryRows<{ status: RegistrationStatus }>(
      tx,
      sql`update event_registrations r set status = 'cancelled', cancelled_at = now() from event_registrations old
          where r.id = ${id}::uuid and old.id = r.id and r.status <> 'cancelled' returning old.status`,
    );
    if (was?.status !== 'confirmed' || !occurrence || occurrence.cancelled) return [];
    const promoted = await queryRows<{ user_id: string | null }>(
      tx,
      sql`update event_registrations set status = 'confirmed', promoted_at = now()
          where id = (select id from event_registrations where event_id = ${found.event_id}::uuid and original_start = ${originalStart.toISOString()}::timestamptz
                      and status = 'waiting' order by seq limit 1)
            and (${series.capacity}::int is null or (select count(*) from event_registrations where event_id = ${found.event_id}::uuid
                 and original_start = ${originalStart.toISOString()}::timestamptz and status = 'confirmed') < ${series.capacity}::int)
          returning user_id`,
    );
    return enqueueEventMails(tx, ctx.mailer, 'event-promoted', series, occurrence, promoted.flatMap((p) => (p.user_id ? [p.user_id] : [])));
  });
  for (const deliver of deliveries) await deliver();
}

/** Checks a confirmed registrant in at the event (the organizing team); false if it was not confirmed. */
export async function checkIn(ctx: EventContext, registrationId: string): Promise<boolean> {
  const [found] = await queryRows<{ organization_id: string }>(
    ctx.db,
    sql`select e.organization_id from event_registrations r join events e on e.id = r.event_id where r.id = ${parse(eventIdContract, registrationId)}::uuid`,
  );
  if (!found) throw notFound('events_registration_not_found');
  assertCan(ctx.actor, 'event.manage', { type: 'event', organizationId: found.organization_id });
  const rows = await queryRows(
    ctx.db,
    sql`update event_registrations set checked_in_at = coalesce(checked_in_at, now()) where id = ${registrationId}::uuid and status = 'confirmed' returning id`,
  );
  return rows.length === 1;
}

/** A registrant as the organizing team sees them. */
export interface Registrant {
  id: string;
  name: string;
  email: string;
  status: RegistrationStatus;
  position: number | null;
  registeredAt: Date;
  checkedIn: boolean;
}

/** The registrants of one occurrence, seated first, then the waiting list in order (the team only). */
export async function registrantsOf(ctx: EventContext, ref: string): Promise<{ series: Series; occurrence: Occurrence; registrants: Registrant[] }> {
  const { series, occurrence } = await managedOccurrence(ctx, ref);
  const rows = await queryRows<{ id: string; name: string | null; email: string | null; status: RegistrationStatus; position: number | null; created_at: string | Date; checked_in_at: string | null }>(
    ctx.db,
    sql`select r.id, u.name, u.email, r.status, ${positionSql} as position, r.created_at, r.checked_in_at
        from event_registrations r left join "user" u on u.id = r.user_id
        where r.event_id = ${series.id}::uuid and r.original_start = ${occurrence.originalStart.toISOString()}::timestamptz and r.status <> 'cancelled'
        order by r.status = 'waiting', r.seq`,
  );
  return {
    series,
    occurrence,
    registrants: rows.map((row) => ({
      id: row.id,
      name: row.name ?? '',
      email: row.email ?? '',
      status: row.status,
      position: row.position === null ? null : Number(row.position),
      registeredAt: new Date(row.created_at),
      checkedIn: !!row.checked_in_at,
    })),
  };
}

/** The series an actor's organizations organize, with their next occurrences. */
export async function managedEvents(ctx: EventContext): Promise<{ series: Series; next: Occurrence | null }[]> {
  const actor = requireUser(ctx.actor);
  const ids = actor.platformRole === 'admin' ? null : actor.memberships.map((m) => m.organizationId);
  if (ids && !ids.length) return [];
  const now = nowOf(ctx);
  const list = await findSeries(
    ctx.db,
    ids ? sql`e.organization_id in (select x from json_array_elements_text(${JSON.stringify(ids)}::json) as t(x))` : sql`true`,
    500,
  );
  return list.map((series) => ({ series, next: occurrencesOf(series).find((o) => o.end > now && !o.cancelled) ?? null }));
}

/** The series for its team, with every occurrence and its seats taken. */
export async function seriesForTeam(ctx: EventContext, id: string) {
  const series = await managedSeries(ctx, id);
  const counts = await queryRows<{ original_start: string | Date; confirmed: number; waiting: number }>(
    ctx.db,
    sql`select original_start, count(*) filter (where status = 'confirmed')::int as confirmed, count(*) filter (where status = 'waiting')::int as waiting
        from event_registrations where event_id = ${series.id}::uuid and status <> 'cancelled' group by original_start`,
  );
  const byStart = new Map(counts.map((c) => [new Date(c.original_start).getTime(), c]));
  return {
    series,
    occurrences: occurrencesOf(series).map((o) => ({ ...o, confirmed: byStart.get(o.originalStart.getTime())?.confirmed ?? 0, waiting: byStart.get(o.originalStart.getTime())?.waiting ?? 0 })),
  };
}

/** The actor's registration to an occurrence, if any (for its page). */
export async function myRegistrationTo(ctx: EventContext, series: Series, occurrence: Occurrence): Promise<Registration | null> {
  if (ctx.actor.kind !== 'user') return null;
  const [row] = await queryRows<RegistrationRow>(
    ctx.db,
    sql`select r.id, r.event_id, r.original_start, r.status, ${positionSql} as position from event_registrations r
        where r.user_id = ${ctx.actor.userId} and r.event_id = ${series.id}::uuid and r.original_start = ${occurrence.originalStart.toISOString()}::timestamptz
          and r.status <> 'cancelled'`,
  );
  return row ? registrationOf(row, occurrence.id) : null;
}


export interface MyRegistration extends Registration {
  title: string;
  timeZone: string;
  start: Date;
  end: Date;
  /** The date (or the whole event) was cancelled by its organizer. */
  cancelled: boolean;
}

/** The actor's registrations (a seat or the waiting list) to dates from `since` on, soonest first. */
export async function myRegistrations(ctx: EventContext, since: Date = ctx.now ?? new Date()): Promise<MyRegistration[]> {
  const actor = requireUser(ctx.actor);
  const rows = await queryRows<RegistrationRow>(
    ctx.db,
    sql`select r.id, r.event_id, r.original_start, r.status, ${positionSql} as position from event_registrations r
        where r.user_id = ${actor.userId} and r.status <> 'cancelled' and r.original_start > ${new Date(since.getTime() - 7 * 86_400_000).toISOString()}::timestamptz`,
  );
  if (!rows.length) return [];
  const list = await findSeries(ctx.db, sql`e.id in (select x::uuid from json_array_elements_text(${JSON.stringify([...new Set(rows.map((r) => r.event_id))])}::json) as t(x))`);
  const mine: MyRegistration[] = [];
  for (const series of list) {
    const occurrences = new Map(occurrencesOf(series).map((o) => [o.originalStart.getTime(), o]));
    for (const row of rows.filter((r) => r.event_id === series.id)) {
      const occurrence = occurrences.get(new Date(row.original_start).getTime());
      if (!occurrence || occurrence.end < since) continue;
      mine.push({ ...registrationOf(row, occurrence.id), title: series.title, timeZone: series.timeZone, start: occurrence.start, end: occurrence.end, cancelled: occurrence.cancelled || series.cancelledAt !== null });
    }
  }
  return mine.sort((a, b) => a.start.getTime() - b.start.getTime());
}
