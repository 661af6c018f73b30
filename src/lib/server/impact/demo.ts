/*
 * Impact demo data: a year of synthetic activity at the Vallée du Lot place (opened in the demo as the 2016
 * survey planned), funded by the demo council, with the finances of a Morez-like place: about twenty members, a
 * half-time animator, rent and energy, two subsidies. Synthetic members are named so ("Membre synthétique …",
 * addresses at synthetique.demo.maillage.fr, no password: nobody signs in as them); fixed seed. Idempotent.
 */
import { and, eq, sql } from 'drizzle-orm';
import { DEMO_ACCOUNTS, user } from '../accounts/index.ts';
import { addDays, bookingResources, bookings, entitlements } from '../booking/index.ts';
import { bulkInsert, type Db } from '../db/index.ts';
import { places } from '../places/index.ts';
import { seededRandom } from '../random.ts';
import { territoryCommunes } from '../territory/index.ts';
import { lastTwelveMonths, monthsOf } from './model.ts';
import { impactAlternatives, impactPlaceCosts, impactPlaceFunders, impactSubsidies } from './schema.ts';

export const DEMO_IMPACT_MEMBERS = 20;
const SEED = 2016;
const MEMBER_DOMAIN = 'synthetique.demo.maillage.fr';
/** The large commune people of the valley drive to (Cahors). */
const WORKPLACE = '46042';

export interface DemoImpactReport {
  members: number;
  bookings: number;
}

/** The last day of a month (YYYY-MM). */
const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

const memberId = (n: number) => `demo-impact-member-${String(n).padStart(2, '0')}`;

export async function seedDemoImpact(db: Db, placeSlug: string, councilOrganizationId: string, councilEpci: string, now = new Date()): Promise<DemoImpactReport> {
  const [place] = await db.select({ id: places.id, openedOn: places.openedOn }).from(places).where(eq(places.slug, placeSlug));
  const [desks] = place
    ? await db.select({ id: bookingResources.id }).from(bookingResources).where(and(eq(bookingResources.placeId, place.id), eq(bookingResources.kind, 'desk-pool')))
    : [];
  if (!place || !desks) return { members: 0, bookings: 0 };

  // The council funds its place (accepted), with the place's finances.
  await db.insert(impactPlaceFunders).values({ placeId: place.id, organizationId: councilOrganizationId, status: 'accepted', acceptedAt: now }).onConflictDoNothing();
  await db
    .insert(impactPlaceCosts)
    .values({ placeId: place.id, rentCents: 960_000, animatorCents: 1_800_000, energyCents: 240_000, otherCents: 180_000 })
    .onConflictDoNothing();
  const opened = place.openedOn ?? '2025-06-02';
  if (!(await db.select({ id: impactSubsidies.id }).from(impactSubsidies).where(eq(impactSubsidies.placeId, place.id))).length) {
    await db.insert(impactSubsidies).values([
      {
        placeId: place.id,
        funderName: 'Communauté de communes de la Vallée du Lot et du Vignoble',
        funderId: councilEpci,
        amountCents: 2_400_000,
        startsOn: opened,
        endsOn: addDays(`${Number(opened.slice(0, 4)) + 2}${opened.slice(4)}`, -1),
        purpose: 'Animation du lieu (mi-temps), deux premières années',
        decisionReference: 'Délibération (illustrative)',
        conventionDate: opened,
      },
      {
        placeId: place.id,
        funderName: 'Région Occitanie',
        amountCents: 600_000,
        startsOn: opened,
        endsOn: addDays(`${Number(opened.slice(0, 4)) + 1}${opened.slice(4)}`, -1),
        purpose: 'Aménagement et équipement (illustratif)',
        nature: 'aide en numéraire',
      },
    ]);
  }

  // Twenty members living in the valley: most would drive to Cahors, some would work from home, two said nothing.
  const homes = (await territoryCommunes(db, 'epci', councilEpci)).communes.map((c) => c.code).filter((code) => code !== WORKPLACE);
  const random = seededRandom(SEED);
  const existing = new Set((await db.select({ id: user.id }).from(user).where(sql`${user.email} like ${`%@${MEMBER_DOMAIN}`}`)).map((r) => r.id));
  const members = Array.from({ length: DEMO_IMPACT_MEMBERS }, (_, i) => ({ id: memberId(i + 1), n: i + 1, home: homes[Math.floor(random() * homes.length)]! }));
  const missing = members.filter((member) => !existing.has(member.id));
  if (missing.length) {
    await db.insert(user).values(missing.map((member) => ({ id: member.id, name: `Membre synthétique ${String(member.n).padStart(2, '0')}`, email: `membre-${String(member.n).padStart(2, '0')}@${MEMBER_DOMAIN}`, emailVerified: true, homeCommuneCode: member.home })));
    await db
      .insert(impactAlternatives)
      .values(
        missing
          .filter((member) => member.n <= DEMO_IMPACT_MEMBERS - 2)
          .map((member) =>
            member.n % 5 === 0
              ? { userId: member.id, kind: 'home' as const, mode: 'car' as const }
              : member.n === 7
                ? { userId: member.id, kind: 'commute' as const, workplaceCommuneCode: WORKPLACE, mode: 'train' as const }
                : { userId: member.id, kind: 'commute' as const, workplaceCommuneCode: WORKPLACE, mode: 'car' as const },
          ),
      )
      .onConflictDoNothing();
  }
  // The demo coworker (Luzech) says they would drive to Cahors.
  const [coworker] = await db.select({ id: user.id }).from(user).where(eq(user.email, DEMO_ACCOUNTS.coworker.email));
  if (coworker) await db.insert(impactAlternatives).values({ userId: coworker.id, kind: 'commute', workplaceCommuneCode: WORKPLACE, mode: 'car' }).onConflictDoNothing();

  const [{ count } = { count: 0 }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(bookings)
    .where(and(eq(bookings.placeId, place.id), sql`${bookings.userId} like 'demo-impact-member-%'`));
  if (count > 0) return { members: missing.length, bookings: 0 };

  // A year of weekdays: each member comes on about 1 to 3 days a week; two hold a monthly plan (200 €).
  const period = lastTwelveMonths(now.toISOString().slice(0, 10));
  const planHolders = members.slice(0, 2);
  const plans = new Map<string, string>();
  const planRows = planHolders.flatMap((member) =>
    monthsOf(period).map((month) => {
      const id = crypto.randomUUID();
      plans.set(`${member.id} ${month}`, id);
      return { id, userId: member.id, placeId: place.id, kind: 'plan' as const, units: null, unitsUsed: 0, startsOn: `${month}-01`, endsOn: monthEnd(month), pricePaidCents: 20_000, createdAt: `${month}-01T08:00:00Z` };
    }),
  );
  await bulkInsert(db, entitlements, planRows as never);
  const weekly = members.map(() => 0.2 + random() * 0.45);
  const rows: Record<string, unknown>[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    // Closed at weekends and for the August fortnight.
    if (weekday === 0 || weekday === 6 || (day.slice(5, 7) === '08' && day.slice(8) < '16')) continue;
    let seats = 10;
    members.forEach((member, i) => {
      if (seats <= 0 || random() >= weekly[i]!) return;
      const draw = random();
      const half = draw < 0.75 ? 'full' : draw < 0.88 ? 'am' : 'pm';
      const status = draw < 0.05 ? 'cancelled' : random() < 0.04 ? 'no-show' : random() < 0.6 ? 'checked-in' : 'confirmed';
      const plan = plans.get(`${member.id} ${day.slice(0, 7)}`);
      seats -= 1;
      const [start, end] = half === 'am' ? [540, 780] : half === 'pm' ? [780, 1080] : [540, 1080];
      rows.push({
        id: crypto.randomUUID(),
        resourceId: desks.id,
        placeId: place.id,
        userId: member.id,
        day,
        period: half,
        startMinute: start,
        endMinute: end,
        blockedUntilMinute: end,
        status,
        payment: plan ? 'plan' : 'on-site',
        entitlementId: plan ?? null,
        priceCents: plan ? 0 : half === 'full' ? 1500 : 900,
        vatRateBasisPoints: 2000,
        createdAt: `${addDays(day, -2)}T08:00:00Z`,
        cancelledAt: status === 'cancelled' ? `${addDays(day, -1)}T08:00:00Z` : null,
        checkedInAt: status === 'checked-in' ? `${day}T08:30:00Z` : null,
      });
    });
  }
  await bulkInsert(db, bookings, rows as never);
  return { members: missing.length, bookings: rows.length };
}
