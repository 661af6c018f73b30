import { and, eq, sql } from 'drizzle-orm';
import { type Actor, actorOfUser, DEMO_ACCOUNTS, DEMO_OPERATOR_NAME, organization, user } from '../accounts/index.ts';
import type { Db } from '../db/database.ts';
import { DEMO_EDITOR, DEMO_PLACES, type DemoPrices, places, updatePlace } from '../places/index.ts';
import { acceptEntitlementInvitation, grantEntitlement } from './grants.ts';
import { createOffer, createResource, listOffers, listResources } from './manage.ts';
import type { OfferKind } from './model.ts';
import { entitlements } from './schema.ts';
import { localNow } from './time.ts';

/**
 * The open demo place where the demo coworker holds a carnet, run by the demo operator too: the Vallée du
 * Lot place the operator runs is still a project, and nobody books at a place that is not open.
 */
export const DEMO_BOOKING_PLACE = 'ocowork-cabries';

/** Prices when a place says none (euros). */
const FALLBACK = { day: 15, month: 200 };
/** Members (holders of a carnet or a plan) pay a tenth less, to the half euro. */
const memberPrice = (euros: number) => Math.round(euros * 0.9 * 2) / 2;

interface DemoPlaceRow {
  id: string;
  slug: string;
  status: string;
  desks: number | null;
  services: string[];
  operatorOrganizationId: string | null;
}

/**
 * The offers of a place at its demo prices (`DEMO_PLACES`): day, half-day, hourly room, 10-day carnet valid a
 * year, monthly plan; and where it has an office, its rent by the month (illustrative: 1.6 times the plan,
 * rounded to 10 €). They are the place's prices: the directory's figures are read from them.
 */
function offersOf(prices: DemoPrices | undefined, roomId: string | undefined, officeId: string | undefined): { kind: OfferKind; [field: string]: unknown }[] {
  const day = prices?.day ?? FALLBACK.day;
  const halfDay = prices?.halfDay ?? Math.round(day * 0.6);
  const month = prices?.month ?? FALLBACK.month;
  const hourlyRoom = day + 5;
  return [
    { kind: 'day-pass', name: 'Pass journée', price: day, memberPrice: memberPrice(day) },
    { kind: 'half-day-pass', name: 'Pass demi-journée', price: halfDay, memberPrice: memberPrice(halfDay) },
    // For every room of the place: a room added later is priced too.
    ...(roomId ? [{ kind: 'hourly-room' as const, name: 'Salle de réunion à l’heure', price: hourlyRoom, memberPrice: memberPrice(hourlyRoom) }] : []),
    { kind: 'carnet', name: 'Carnet 10 jours', price: prices?.carnet10 ?? day * 9, units: 10, validityDays: 365 },
    { kind: 'monthly-plan', name: 'Abonnement mensuel', price: month },
    ...(officeId
      ? [{ kind: 'office-month' as const, name: 'Bureau privatif, au mois', price: Math.round((month * 1.6) / 10) * 10, resourceId: officeId }]
      : []),
  ];
}

export interface DemoBookingReport {
  resources: number;
  offers: number;
  carnets: number;
}

const userIdOf = async (db: Db, email: string) => (await db.select({ id: user.id }).from(user).where(eq(user.email, email)))[0]?.id;

/**
 * Booking demo data, idempotent, set up as the demo platform administrator would through the console: on
 * each open demo place (and the place the demo operator runs) a desk pool sized from its desks and, where
 * it has a meeting room, a room (1 h to 4 h, 15 min kept free after), where it has private offices, one office
 * for two rented by the month; offers at the place's demo prices (which the directory's figures then show); the demo operator also runs `DEMO_BOOKING_PLACE`, where the demo coworker holds a 10-day carnet
 * valid a year. Needs the demo accounts; counts what this run created.
 */
export async function seedDemoBooking(db: Db, now = new Date()): Promise<DemoBookingReport> {
  const report: DemoBookingReport = { resources: 0, offers: 0, carnets: 0 };
  const adminId = await userIdOf(db, DEMO_ACCOUNTS.admin.email);
  if (!adminId) return report;
  const admin = await actorOfUser(db, adminId);
  const [operator] = await db
    .select({ id: organization.id })
    .from(organization)
    .where(and(eq(organization.name, DEMO_OPERATOR_NAME), eq(organization.kind, 'operator')));
  if (operator) await updatePlace(db, DEMO_BOOKING_PLACE, { operatorOrganizationId: operator.id }, { changedBy: DEMO_EDITOR });

  const rows: DemoPlaceRow[] = await db
    .select({
      id: places.id,
      status: places.status,
      desks: places.desks,
      services: places.services,
      operatorOrganizationId: places.operatorOrganizationId,
      slug: places.slug,
    })
    .from(places)
    .where(sql`${places.slug} in (${sql.join(DEMO_PLACES.map((p) => sql`${p.slug}`), sql`, `)})`);

  for (const place of rows) {
    const ctx = { db, actor: admin };
    const ref = { id: place.id, operatorOrganizationId: place.operatorOrganizationId };
    const prices = DEMO_PLACES.find((p) => p.slug === place.slug)?.prices;
    // Open places, and projects run by a demo organization (the council's), so that its console has something
    // to run; any other place with demo prices (the directory only) still sells them, its one price list.
    const bookable = place.status === 'open' || !!place.operatorOrganizationId;
    if (!bookable && !prices) continue;
    const resources = bookable ? await listResources(ctx, ref) : [];
    const wanted = [
      { kind: 'desk-pool' as const, name: 'Open space', capacity: place.desks ?? 10 },
      ...(place.services.includes('meeting-room') ? [{ kind: 'room' as const, name: 'Salle de réunion', capacity: 8, minMinutes: 60, maxMinutes: 240, bufferMinutes: 15 }] : []),
      ...(place.services.includes('private-offices') ? [{ kind: 'office' as const, name: 'Bureau privatif', capacity: 2 }] : []),
    ];
    for (const resource of bookable ? wanted : []) {
      if (resources.some((r) => r.kind === resource.kind)) continue;
      resources.push(await createResource(ctx, place.id, resource));
      report.resources++;
    }
    const held = new Set((await listOffers(ctx, ref)).map((offer) => offer.kind));
    for (const offer of offersOf(prices, resources.find((r) => r.kind === 'room')?.id, resources.find((r) => r.kind === 'office')?.id)) {
      if (held.has(offer.kind)) continue;
      await createOffer(ctx, place.id, offer);
      report.offers++;
    }
  }

  report.carnets = await ensureCoworkerCarnet(db, admin, now);
  return report;
}

/** The demo coworker's 10-day carnet at `DEMO_BOOKING_PLACE`, sold on site when they hold none valid today. */
async function ensureCoworkerCarnet(db: Db, admin: Actor, now: Date): Promise<number> {
  const coworker = await userIdOf(db, DEMO_ACCOUNTS.coworker.email);
  const [place] = await db.select({ id: places.id, operatorOrganizationId: places.operatorOrganizationId }).from(places).where(eq(places.slug, DEMO_BOOKING_PLACE));
  if (!coworker || !place) return 0;
  const today = localNow(now).day;
  const [valid] = await db
    .select({ id: entitlements.id })
    .from(entitlements)
    .where(
      and(
        eq(entitlements.userId, coworker),
        eq(entitlements.placeId, place.id),
        eq(entitlements.kind, 'carnet'),
        sql`${entitlements.startsOn} <= ${today}`,
        sql`${entitlements.endsOn} >= ${today}`,
      ),
    );
  const carnet = (await listOffers({ db, actor: admin }, place)).find((offer) => offer.kind === 'carnet');
  if (valid || !carnet) return 0;
  // Offered to the coworker's address and accepted by them, as through the console and the e-mail.
  const offered = await grantEntitlement({ db, actor: admin, now }, place.id, { email: DEMO_ACCOUNTS.coworker.email, offerId: carnet.id });
  await acceptEntitlementInvitation({ db, actor: await actorOfUser(db, coworker), now }, offered.id);
  return 1;
}
