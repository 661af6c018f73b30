// The booking domain's closed vocabularies: what the tables' CHECK constraints, the contracts and the pages
// name. No imports, so the schema reads them without pulling in any code.

/** `desk-pool`: N interchangeable seats by the day or half-day; `room`: by the hour; `office`: by the month. */
export const resourceKinds = ['desk-pool', 'room', 'office'] as const;
export type ResourceKind = (typeof resourceKinds)[number];
export const offerKinds = ['day-pass', 'half-day-pass', 'hourly-room', 'carnet', 'monthly-plan', 'office-month', 'domiciliation'] as const;
export type OfferKind = (typeof offerKinds)[number];
export const entitlementKinds = ['carnet', 'plan'] as const;
export type EntitlementKind = (typeof entitlementKinds)[number];
export const bookingStatuses = ['confirmed', 'checked-in', 'cancelled', 'no-show'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];
/** A desk for the whole day, the morning or the afternoon; rooms have no period. */
export const dayPeriods = ['full', 'am', 'pm'] as const;
export type DayPeriod = (typeof dayPeriods)[number];
export const paymentMethods = ['carnet', 'plan', 'on-site'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
/** How a booking asks to be paid: `auto` takes a plan if one covers the day, else a carnet unit, else on site. */
export const paymentChoices = ['auto', 'carnet', 'plan', 'on-site'] as const;
export type PaymentChoice = (typeof paymentChoices)[number];
