import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { findSeries, occurrencesOf } from './queries.ts';
import { localStarts, normaliseRrule } from './recurrence.ts';
import { events } from './schema.ts';
import { instantOfLocal, localOf } from './time.ts';
import { DEFAULT_TIME_ZONE } from './vocabulary.ts';

/*
 * Demo events (synthetic, marked so; fixed ids, so seeding again changes nothing): a weekly afterwork at
 * Ocowork (Cabriès) over 26 weeks, so it crosses a daylight-saving change whatever the day of seeding; a
 * monthly training at the council's place in the Lot; a network meeting online. The demo coworker is
 * registered to the next afterwork. Dates start from the seeding day, so the calendar is never empty.
 */

export const DEMO_NETWORK_ID = 'demo-network';
const AFTERWORK = '6d0f3c1e-5a8b-4c11-9e1a-0a0000000001';
const TRAINING = '6d0f3c1e-5a8b-4c11-9e1a-0a0000000002';
const NETWORK_MEETING = '6d0f3c1e-5a8b-4c11-9e1a-0a0000000003';

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The first day on or after `day` that is weekday `weekday` (0 Sunday). */
const nextWeekday = (day: string, weekday: number) => addDays(day, (weekday - new Date(`${day}T12:00:00Z`).getUTCDay() + 7) % 7);

export async function seedDemoEvents(db: Db, ids: { operatorOrganizationId: string; councilOrganizationId: string; adminId: string; coworkerId: string }, now = new Date()) {
  await queryRows(
    db,
    sql`insert into organization (id, name, slug, kind, created_at) values (${DEMO_NETWORK_ID}, 'Réseau des tiers-lieux (démo)', 'reseau-tiers-lieux-demo', 'network', now())
        on conflict (id) do nothing`,
  );
  await queryRows(
    db,
    sql`insert into member (id, organization_id, user_id, role, created_at) values ('demo-network-admin', ${DEMO_NETWORK_ID}, ${ids.adminId}, 'owner', now())
        on conflict do nothing`,
  );
  const places = new Map(
    (await queryRows<{ slug: string; id: string }>(db, sql`select slug, id from places where slug in ('ocowork-cabries', 'coworking-vallee-du-lot-et-du-vignoble')`)).map((p) => [p.slug, p.id]),
  );
  const today = localOf(now, DEFAULT_TIME_ZONE).slice(0, 10);
  const series = [
    {
      id: AFTERWORK,
      organizationId: ids.operatorOrganizationId,
      placeId: places.get('ocowork-cabries') ?? null,
      onlineUrl: null,
      kind: 'afterwork' as const,
      title: 'Afterwork des coworkers',
      description: 'Chaque jeudi soir, on pose les ordinateurs : apéritif partagé, nouvelles des projets, présentations des nouveaux venus. Ouvert à tous, inscription souhaitée.',
      startLocal: `${nextWeekday(addDays(today, -14), 4)}T18:30`,
      durationMinutes: 120,
      rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=26',
      capacity: 25,
      waitlist: true,
      registrationRequired: true,
      priceCents: null,
    },
    {
      id: TRAINING,
      organizationId: ids.councilOrganizationId,
      placeId: places.get('coworking-vallee-du-lot-et-du-vignoble') ?? null,
      onlineUrl: null,
      kind: 'training' as const,
      title: 'Atelier numérique : se lancer en indépendant',
      description: 'Statut, facturation, outils en ligne : une matinée par mois avec un conseiller, pour les porteurs de projet de la vallée du Lot.',
      startLocal: `${nextWeekday(today, 2)}T09:30`,
      durationMinutes: 180,
      rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=10',
      capacity: 12,
      waitlist: true,
      registrationRequired: true,
      priceCents: 1500,
    },
    {
      id: NETWORK_MEETING,
      organizationId: DEMO_NETWORK_ID,
      placeId: null,
      onlineUrl: 'https://visio.example.org/rencontre-reseau',
      kind: 'meetup' as const,
      title: 'Rencontre du réseau : animer un tiers-lieu rural',
      description: 'Les animateurs des lieux du réseau partagent leurs formats qui marchent, en visio.',
      startLocal: `${nextWeekday(addDays(today, 30), 5)}T14:00`,
      durationMinutes: 90,
      rrule: null,
      capacity: null,
      waitlist: false,
      registrationRequired: true,
      priceCents: null,
    },
  ];
  for (const row of series) {
    if (!row.placeId && !row.onlineUrl) continue;
    const shape = { startLocal: row.startLocal, durationMinutes: row.durationMinutes, timeZone: DEFAULT_TIME_ZONE, rrule: row.rrule && normaliseRrule(row.rrule), exdates: [] };
    const starts = localStarts(shape);
    await db
      .insert(events)
      .values({
        ...row,
        ...shape,
        audience: 'public',
        createdBy: ids.adminId,
        synthetic: true,
        firstStart: instantOfLocal(starts[0]!, DEFAULT_TIME_ZONE),
        lastEnd: new Date(instantOfLocal(starts.at(-1)!, DEFAULT_TIME_ZONE).getTime() + row.durationMinutes * 60_000),
      })
      .onConflictDoNothing();
  }
  const [afterwork] = await findSeries(db, sql`e.id = ${AFTERWORK}::uuid`);
  const next = afterwork && occurrencesOf(afterwork).find((o) => o.start > now);
  if (next) {
    await queryRows(
      db,
      sql`insert into event_registrations (event_id, original_start, user_id, status) select ${AFTERWORK}::uuid, ${next.originalStart.toISOString()}::timestamptz, ${ids.coworkerId}, 'confirmed'
          where not exists (select 1 from event_registrations where event_id = ${AFTERWORK}::uuid and user_id = ${ids.coworkerId})`,
    );
    await queryRows(db, sql`insert into event_occurrences (event_id, original_start) values (${AFTERWORK}::uuid, ${next.originalStart.toISOString()}::timestamptz) on conflict do nothing`);
  }
}
