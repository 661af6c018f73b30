import type { RequestEvent } from '@sveltejs/kit';
import {
  addClosure,
  bookingLine,
  checkIn,
  clockOf,
  createOffer,
  createResource,
  dayCode,
  grantEntitlement,
  isoDay,
  listClosures,
  listOffers,
  listResources,
  localNow,
  managedPlace,
  markNoShow,
  mondayOf,
  pendingEntitlementInvitations,
  placeDay,
  placeEntitlements,
  setResourceActive,
  setResourceFree,
  ratesOf,
  updateSettings,
  weekOccupancy,
  updateOffer,
  withdrawOffer,
} from '$lib/server/booking';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { formatDay } from '$lib/dates';

/** The booking console of a place, for its team: the day (`?date=`, today by default), the week, the setup. */
export const load = async (event) => {
  requireSignedIn(event);
  const { locals, params, url } = event;
  const ctx = requestContext(event);
  const place = await pageLoad(locals.locale, () => managedPlace(ctx, params.slug));
  const today = localNow().day;
  const day = await pageLoad(locals.locale, async () => parse(isoDay, url.searchParams.get('date') || today), 400);
  const [view, week, code, resources, offers, closures, members, invitations] = await Promise.all([
    placeDay(ctx, place.id, day),
    weekOccupancy(ctx, place.id, mondayOf(day)),
    dayCode(ctx, place, day),
    listResources(ctx, place),
    listOffers(ctx, place),
    listClosures(ctx, place),
    placeEntitlements(ctx, place),
    pendingEntitlementInvitations(ctx, place.id),
  ]);
  return {
    place: { slug: place.slug, name: place.name, cancelNoticeHours: place.cancelNoticeHours, halfDaySplit: clockOf(place.halfDaySplitMinute) },
    today,
    day,
    code,
    bookings: view.bookings.map((b) => ({ ...bookingLine(b), bookerName: b.bookerName, bookerEmail: b.bookerEmail })),
    desks: view.desks,
    week: week.days,
    resources: resources.map(({ id, kind, name, capacity, minMinutes, maxMinutes, bufferMinutes, openingHours, active, free }) => ({
      id,
      kind,
      name,
      capacity,
      minMinutes,
      maxMinutes,
      bufferMinutes,
      openingHours,
      active,
      free,
      // Not free and no offer prices it: nobody can book it yet (but with a plan or a carnet for desks and rooms).
      unpriced: !free && ratesOf(offers, { id, kind }).length === 0,
    })),
    offers: offers.map(({ id, kind, name, priceCents, memberPriceCents, vatRateBasisPoints, units, validityDays, resourceId }) => ({
      id,
      kind,
      name,
      priceCents,
      memberPriceCents,
      vatRate: vatRateBasisPoints / 100,
      units,
      validityDays,
      resourceName: resources.find((r) => r.id === resourceId)?.name ?? null,
    })),
    closures,
    members,
    // Offers not yet accepted, by the address typed: who holds it is not the team's to know before.
    invitations: invitations.map(({ id, email, offerName, expiresAt }) => ({ id, email, offerName, expiresOn: formatDay(localNow(expiresAt).day, locals.locale) })),
  };
};

type Ctx = ReturnType<typeof requestContext>;

/**
 * A console form: runs `change` as the person signed in, on this place. Each form sends `section`: its
 * refusal (with what was typed), or this confirmation, shows beside it.
 */
const consoleAction =
  (section: string, change: (ctx: Ctx, slug: string, values: Record<string, string>) => Promise<unknown>, done: string | ((values: Record<string, string>) => string)) =>
  (event: RequestEvent<{ slug: string }>) =>
    formAction(event, async (values) => {
      await change(requestContext(event), event.params.slug, values);
      return { section, done: typeof done === 'string' ? done : done(values) };
    });

export const actions = {
  checkIn: consoleAction('day', (ctx, _slug, values) => checkIn(ctx, values.bookingId ?? ''), 'checked-in'),
  noShow: consoleAction('day', (ctx, _slug, values) => markNoShow(ctx, values.bookingId ?? ''), 'no-show'),
  resource: consoleAction('resources', (ctx, slug, values) => createResource(ctx, slug, values), 'created'),
  resourceFree: consoleAction(
    'resources',
    (ctx, _slug, values) => setResourceFree(ctx, values.resourceId ?? '', values.free === '1'),
    (values) => (values.free === '1' ? 'made-free' : 'made-paid'),
  ),
  resourceActive: consoleAction(
    'resources',
    (ctx, _slug, values) => setResourceActive(ctx, values.resourceId ?? '', values.active === '1'),
    (values) => (values.active === '1' ? 'reactivated' : 'deactivated'),
  ),
  offer: consoleAction('offers', (ctx, slug, values) => createOffer(ctx, slug, values), 'created'),
  editOffer: consoleAction('offers', (ctx, _slug, values) => updateOffer(ctx, values.offerId ?? '', values), 'updated'),
  withdraw: consoleAction('offers', (ctx, _slug, values) => withdrawOffer(ctx, values.offerId ?? ''), 'withdrawn'),
  settings: consoleAction('settings', (ctx, slug, values) => updateSettings(ctx, slug, values), 'saved'),
  closure: consoleAction('closures', (ctx, slug, values) => addClosure(ctx, slug, values), 'added'),
  grant: consoleAction('members', (ctx, slug, values) => grantEntitlement(ctx, slug, values), 'granted'),
};
