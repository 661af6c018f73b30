import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import ical, { ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { readConfig } from '../config.ts';
import { queryRows, type Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { linkBase } from '../links.ts';
import { inTerritory } from './calendar.ts';
import { findSeries, occurrencesOf, type Series } from './queries.ts';
import { eventFeedCache } from './schema.ts';
import type { Occurrence } from './recurrence.ts';

/*
 * iCalendar feeds: one VEVENT per occurrence, its UID the occurrence's id (stable through moves), times as
 * UTC instants (every client reads them; the local times were decided when the series was expanded), a
 * cancelled occurrence kept with STATUS:CANCELLED so that calendars remove it. Public feeds hold public
 * events from 30 days ago to a year ahead; their ETag is read from the series' count and last change, so an
 * unchanged feed answers 304 without being built, and a new client gets the body kept for that tag.
 */

const PRODUCT = { company: 'Maillage', product: 'Maillage', language: 'FR' };
const PAST_DAYS = 30;
const AHEAD_DAYS = 366;

/** What a public feed covers. */
export type FeedScope = { kind: 'network' } | { kind: 'place'; slug: string } | { kind: 'territory'; level: 'commune' | 'epci' | 'departement' | 'region'; code: string };

/** The territory levels as their URLs name them (`/calendrier/territoires/{kind}/{code}.ics`, as `/territoires/…`). */
export const FEED_TERRITORY_KINDS = { communes: 'commune', epci: 'epci', departements: 'departement', regions: 'region' } as const;

function scopeFilter(scope: FeedScope, now: Date): SQL {
  const window = sql`e.audience = 'public' and e.last_end > ${new Date(now.getTime() - PAST_DAYS * 86_400_000).toISOString()}::timestamptz
    and e.first_start < ${new Date(now.getTime() + AHEAD_DAYS * 86_400_000).toISOString()}::timestamptz`;
  if (scope.kind === 'place') return sql`${window} and p.slug = ${scope.slug}`;
  if (scope.kind === 'territory') return sql`${window} and ${inTerritory(scope.level, scope.code)}`;
  return window;
}

/** A feed's ETag, from what changes it: the day (the window moves), the number of series and their last change. */
export async function feedTag(db: Db, scope: FeedScope, now: Date = new Date()): Promise<string> {
  if (scope.kind === 'place') {
    const [place] = await queryRows(db, sql`select 1 from places where slug = ${scope.slug}`);
    if (!place) throw notFound('place_not_found');
  }
  const [row] = await queryRows<{ n: number; last: string | null }>(
    db,
    sql`select count(*)::int as n, max(e.updated_at)::text as last from events e join organization o on o.id = e.organization_id
        left join places p on p.id = e.place_id left join communes c on c.code = p.commune_code where ${scopeFilter(scope, now)}`,
  );
  const digest = createHash('sha256').update(JSON.stringify([scope, now.toISOString().slice(0, 10), row?.n, row?.last])).digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

function addOccurrence(calendar: ICalCalendar, series: Series, occurrence: Occurrence, baseURL: string) {
  const url = new URL(`/evenements/${occurrence.id}`, baseURL).toString();
  const place = series.place;
  const where = place ? [place.name, place.address, [place.postalCode, place.communeName].filter(Boolean).join(' ')].filter(Boolean).join(', ') : series.onlineUrl;
  calendar.createEvent({
    id: `${occurrence.id}@maillage`,
    start: occurrence.start,
    end: occurrence.end,
    summary: series.title,
    description: series.description || null,
    location: place && where ? (place.exact ? { title: where, geo: { lat: place.lat, lon: place.lon } } : where) : (where ?? null),
    url,
    status: occurrence.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // Each change of the series moves its stamp: calendar apps take the newer version.
    stamp: series.updatedAt,
    sequence: Math.floor(series.updatedAt.getTime() / 1000) - 1_700_000_000,
  });
}

/** A public feed (network, place or territory) as text/calendar. */
export async function publicFeed(db: Db, scope: FeedScope, now: Date = new Date(), baseURL = linkBase(readConfig())): Promise<string> {
  const list = await findSeries(db, scopeFilter(scope, now));
  const name = scope.kind === 'place' ? (list[0]?.place?.name ?? scope.slug) : scope.kind === 'territory' ? `${scope.level} ${scope.code}` : 'Maillage';
  const calendar = ical({ prodId: PRODUCT, name: `Maillage — ${name}`, ttl: 3600 });
  const from = now.getTime() - PAST_DAYS * 86_400_000;
  for (const series of list) for (const occurrence of occurrencesOf(series)) if (occurrence.end.getTime() > from) addOccurrence(calendar, series, occurrence, baseURL);
  return calendar.toString();
}

const copies = new Map<string, { tag: string; body: string }>();
const MAX_COPIES = 32;
function remember(key: string, tag: string, body: string): string {
  if (copies.size >= MAX_COPIES && !copies.has(key)) copies.delete(copies.keys().next().value!);
  copies.set(key, { tag, body });
  return body;
}

/**
 * A public feed for a client without the current tag: as last built when nothing changed since (any process
 * built it), else built now and kept for the next ones. Building the network's feed costs seconds at a few
 * thousand events; reading it back, a few milliseconds.
 */
export async function cachedFeed(db: Db, scope: FeedScope, tag: string, now: Date = new Date(), baseURL = linkBase(readConfig())): Promise<string> {
  const key = JSON.stringify([scope, baseURL]);
  // This process's copy, valid only for the tag just read from the database: never a state of its own.
  const copy = copies.get(key);
  if (copy?.tag === tag) return copy.body;
  const [kept] = await queryRows<{ body: string }>(db, sql`select body from event_feed_cache where scope = ${key} and etag = ${tag}`);
  if (kept) return remember(key, tag, kept.body);
  const body = remember(key, tag, await publicFeed(db, scope, now, baseURL));
  await db
    .insert(eventFeedCache)
    .values({ scope: key, etag: tag, body })
    .onConflictDoUpdate({ target: eventFeedCache.scope, set: { etag: tag, body, builtAt: now } });
  return body;
}

/**
 * Adds a person's registrations (confirmed or waiting, from 30 days ago on) to their private calendar: the
 * booking domain's feed (`/calendrier/{token}.ics`, one token per person) calls this for its owner.
 */
export async function addRegistrationsTo(calendar: ICalCalendar, db: Db, userId: string, baseURL: string): Promise<void> {
  const rows = await queryRows<{ event_id: string; original_start: string | Date }>(
    db,
    sql`select event_id, original_start from event_registrations where user_id = ${userId} and status <> 'cancelled' and original_start > now() - interval '30 days'`,
  );
  if (!rows.length) return;
  const wanted = new Set(rows.map((r) => `${r.event_id}_${new Date(r.original_start).getTime()}`));
  const list = await findSeries(db, sql`e.id in (select x::uuid from json_array_elements_text(${JSON.stringify([...new Set(rows.map((r) => r.event_id))])}::json) as t(x))`);
  for (const series of list)
    for (const occurrence of occurrencesOf(series)) if (wanted.has(`${series.id}_${occurrence.originalStart.getTime()}`)) addOccurrence(calendar, series, occurrence, baseURL);
}
