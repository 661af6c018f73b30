import { asc, eq, sql } from 'drizzle-orm';
import type { PrivacyPart } from '../accounts/index.ts';
import { places } from '../places/index.ts';
import { bookings, calendarFeeds, entitlementInvitations, entitlements, offers } from './schema.ts';

/**
 * What booking holds about a person: their bookings, carnets and plans, the carnets and plans offered to
 * their address, and their private calendar feed. Bookings and carnets stay when the account goes (the
 * place's accounts must keep them, pointing at the anonymised user); the feed and the offers go.
 */
export const bookingPrivacy: PrivacyPart = {
  name: 'booking',
  async export(db, userId) {
    const [myBookings, myEntitlements, offered, feeds] = await Promise.all([
      db
        .select({
          id: bookings.id,
          place: places.name,
          day: bookings.day,
          endsOn: bookings.endsOn,
          period: bookings.period,
          startMinute: bookings.startMinute,
          endMinute: bookings.endMinute,
          status: bookings.status,
          payment: bookings.payment,
          priceCents: bookings.priceCents,
          createdAt: bookings.createdAt,
          cancelledAt: bookings.cancelledAt,
          checkedInAt: bookings.checkedInAt,
        })
        .from(bookings)
        .innerJoin(places, eq(places.id, bookings.placeId))
        .where(eq(bookings.userId, userId))
        .orderBy(asc(bookings.day), asc(bookings.createdAt)),
      db
        .select({
          id: entitlements.id,
          place: places.name,
          kind: entitlements.kind,
          units: entitlements.units,
          unitsUsed: entitlements.unitsUsed,
          startsOn: entitlements.startsOn,
          endsOn: entitlements.endsOn,
          pricePaidCents: entitlements.pricePaidCents,
          createdAt: entitlements.createdAt,
        })
        .from(entitlements)
        .innerJoin(places, eq(places.id, entitlements.placeId))
        .where(eq(entitlements.userId, userId))
        .orderBy(asc(entitlements.createdAt)),
      db
        .select({ place: places.name, offer: offers.name, status: entitlementInvitations.status, createdAt: entitlementInvitations.createdAt })
        .from(entitlementInvitations)
        .innerJoin(places, eq(places.id, entitlementInvitations.placeId))
        .innerJoin(offers, eq(offers.id, entitlementInvitations.offerId))
        .where(sql`${entitlementInvitations.email} = (select lower(email) from "user" where id = ${userId})`)
        .orderBy(asc(entitlementInvitations.createdAt)),
      // The feed's address is a secret: the export says it exists, not what it is.
      db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId)),
    ]);
    return { bookings: myBookings, carnetsAndPlans: myEntitlements, carnetsAndPlansOffered: offered, calendarFeed: feeds[0] ?? null };
  },
  async erase(tx, person) {
    await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, person.userId));
    await tx.delete(entitlementInvitations).where(eq(entitlementInvitations.email, person.email.toLowerCase()));
  },
};
