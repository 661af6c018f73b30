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
  placeDay,
  placeEntitlements,
  setResourceActive,
  updateSettings,
  weekOccupancy,
  withdrawOffer,
} from '$lib/server/booking';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';

/** The booking console of a place, for its team: the day (`?date=`, today by default), the week, the setup. */
export const load = async (event) => {
  const actor = requireSignedIn(event);
  const { locals, params, url } = event;
  const db = locals.runtime.database.db;
  const place = await pageLoad(locals.locale, () => managedPlace(db, actor, params.slug));
  const today = localNow().day;
  const day = await pageLoad(locals.locale, async () => parse(isoDay, url.searchParams.get('date') || today), 400);
  const [view, week, code, resources, offers, closures, members] = await Promise.all([
    placeDay(db, actor, place.id, day),
    weekOccupancy(db, actor, place.id, mondayOf(day)),
    dayCode(db, place.id, day),
    listResources(db, place.id),
    listOffers(db, place.id),
    listClosures(db, place.id),
    placeEntitlements(db, place.id, today),
  ]);
  return {
    place: { slug: place.slug, name: place.name, cancelNoticeHours: place.cancelNoticeHours, halfDaySplit: clockOf(place.halfDaySplitMinute) },
    today,
    day,
    code,
    bookings: view.bookings.map((b) => ({ ...bookingLine(b), bookerName: b.bookerName, bookerEmail: b.bookerEmail })),
    desks: view.desks,
    week: week.days,
    resources: resources.map(({ id, kind, name, capacity, minMinutes, maxMinutes, bufferMinutes, openingHours, active }) => ({
      id,
      kind,
      name,
      capacity,
      minMinutes,
      maxMinutes,
      bufferMinutes,
      openingHours,
      active: active === 1,
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
    closures: closures.map((c) => ({ id: c.id, resourceName: c.resource_name, startsOn: c.starts_on, endsOn: c.ends_on, reason: c.reason })),
    members,
  };
};

/** Each form sends `section`: its refusal, or its confirmation, shows beside it. */
const done = (section: string, what: string) => ({ section, done: what });

export const actions = {
  checkIn: (event) =>
    formAction(event, async (values) => {
      await checkIn(requestContext(event), values.bookingId ?? '');
      return done('day', 'checked-in');
    }),
  noShow: (event) =>
    formAction(event, async (values) => {
      await markNoShow(requestContext(event), values.bookingId ?? '');
      return done('day', 'no-show');
    }),
  resource: (event) =>
    formAction(event, async (values) => {
      await createResource(event.locals.runtime.database.db, event.locals.actor, event.params.slug, values);
      return done('resources', 'created');
    }),
  resourceActive: (event) =>
    formAction(event, async (values) => {
      await setResourceActive(event.locals.runtime.database.db, event.locals.actor, values.resourceId ?? '', values.active === '1');
      return done('resources', values.active === '1' ? 'reactivated' : 'deactivated');
    }),
  offer: (event) =>
    formAction(event, async (values) => {
      await createOffer(event.locals.runtime.database.db, event.locals.actor, event.params.slug, values);
      return done('offers', 'created');
    }),
  withdraw: (event) =>
    formAction(event, async (values) => {
      await withdrawOffer(event.locals.runtime.database.db, event.locals.actor, values.offerId ?? '');
      return done('offers', 'withdrawn');
    }),
  settings: (event) =>
    formAction(event, async (values) => {
      await updateSettings(event.locals.runtime.database.db, event.locals.actor, event.params.slug, values);
      return done('settings', 'saved');
    }),
  closure: (event) =>
    formAction(event, async (values) => {
      await addClosure(event.locals.runtime.database.db, event.locals.actor, event.params.slug, values);
      return done('closures', 'added');
    }),
  grant: (event) =>
    formAction(event, async (values) => {
      await grantEntitlement(event.locals.runtime.database.db, event.locals.actor, event.params.slug, values);
      return done('members', 'granted');
    }),
};
