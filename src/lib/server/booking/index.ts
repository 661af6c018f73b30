// Booking: desks by the day or half-day, rooms by the hour, carnets and plans; the database guarantees
// that no seat or slot is given twice.
// Its rules join the one `can` as soon as the domain is loaded.
import './access.ts';
export {
  cancelBooking,
  checkIn,
  createBooking,
  CHECK_IN_ATTEMPTS,
  dayCode,
  getBooking,
  markNoShow,
  myBookings,
  type BookingResult,
} from './service.ts';
export type { BookingContext } from './context.ts';
export { availabilityDay, availabilityNear, bookerMeans, placeAvailability, MAX_NEARBY_RADIUS_KM, type BookerMeans, type NearbyDeskAvailability, type PlaceAvailability } from './availability.ts';
export { nearestBookablePlaces, NEAREST_BOOKABLE_LIMIT, type NearestBookablePlace } from './nearest.ts';
export {
  addClosure,
  createOffer,
  createResource,
  listClosures,
  listOffers,
  listResources,
  managedPlace,
  managedPlaces,
  myEntitlements,
  placeDay,
  placeEntitlements,
  setResourceActive,
  setResourceFree,
  updateOffer,
  updateSettings,
  weekOccupancy,
  withdrawOffer,
  type DayView,
  type ManagedPlace,
  type MemberEntitlement,
  type PlaceRef,
  type WeekOccupancy,
} from './manage.ts';
export {
  acceptEntitlementInvitation,
  declineEntitlementInvitation,
  entitlementInvitation,
  grantEntitlement,
  pendingEntitlementInvitations,
  type EntitlementInvitationView,
  type PendingEntitlementInvitation,
} from './grants.ts';
export { bookingPrivacy } from './privacy.ts';
export { bookingIcs, calendarFeed, calendarToken, confirmationMail, type FeedPart } from './calendar.ts';
export { BookingInput, idempotencyKey, isoDay } from './contracts.ts';
export {
  DEFAULT_OPENING_HOURS,
  bookingStatuses,
  dayPeriods,
  offerKinds,
  paymentMethods,
  ratesOf,
  resourceKinds,
  vatPart,
  type Booking,
  type BookingStatus,
  type DayPeriod,
  type OfferKind,
  type PaymentMethod,
  type ResourceKind,
} from './model.ts';
export { addDays, clockOf, instantOf, localNow, mondayOf, TIME_ZONE } from './time.ts';
export { bookingLine, cardPrice, placeBookingSection, startRuns, timeRange, type BookingLine, type BookingSection, type BookingUse, type CardPrice } from './view.ts';
export { priceFiguresOf, setPlacePriceList } from './pricing.ts';
// The tables impact reads activity from (bookings, what was bought, desk pools and their closures).
export { bookings, bookingResources, entitlements, resourceClosures } from './schema.ts';
