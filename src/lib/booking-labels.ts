// Labels of the booking vocabulary, one catalogue message per code (pages ship only these messages).
import { m } from '$lib/paraglide/messages.js';
import { formatDay } from '$lib/dates';
import type { Locale } from '$lib/i18n';
import type { BookingStatus, DayPeriod, OfferKind, PaymentMethod, ResourceKind } from '$lib/server/booking/model';

type Label = () => string;

export const bookingStatusLabels: Record<BookingStatus, Label> = {
  confirmed: m.booking_status_confirmed,
  'checked-in': m.booking_status_checked_in,
  cancelled: m.booking_status_cancelled,
  'no-show': m.booking_status_no_show,
};

export const paymentLabels: Record<PaymentMethod, Label> = {
  carnet: m.booking_payment_carnet,
  plan: m.booking_payment_plan,
  'on-site': m.booking_payment_on_site,
};

/** What a cancellation gave back, by how the booking was paid: a carnet day, or nothing to refund. */
export const cancelledLabels: Record<PaymentMethod, (params: { resource: string; date: string }) => string> = {
  carnet: m.booking_cancelled_carnet,
  plan: m.booking_cancelled_plan,
  'on-site': m.booking_cancelled_on_site,
};

/** The payments one may choose when booking (a plan is used automatically). */
export const paymentChoiceLabels: Record<'auto' | 'carnet' | 'on-site', Label> = {
  auto: m.booking_payment_auto,
  carnet: m.booking_payment_carnet,
  'on-site': m.booking_payment_on_site,
};

export const periodLabels: Record<DayPeriod, Label> = {
  full: m.booking_period_full,
  am: m.booking_period_am,
  pm: m.booking_period_pm,
};

export const resourceKindLabels: Record<ResourceKind, Label> = {
  'desk-pool': m.booking_kind_desk_pool,
  room: m.booking_kind_room,
  office: m.booking_kind_office,
};

export const offerKindLabels: Record<OfferKind, Label> = {
  'day-pass': m.booking_offer_day_pass,
  'half-day-pass': m.booking_offer_half_day_pass,
  'hourly-room': m.booking_offer_hourly_room,
  carnet: m.booking_offer_carnet,
  'monthly-plan': m.booking_offer_monthly_plan,
  'office-month': m.booking_offer_office_month,
  domiciliation: m.booking_offer_domiciliation,
};

export const entitlementKindLabels: Record<'carnet' | 'plan', Label> = {
  carnet: m.booking_offer_carnet,
  plan: m.booking_offer_monthly_plan,
};

/** The time column of a booking: its hours, or for an office rental the day it ends. */
export function bookingTime(line: { time: string; endsOn: string | null }, locale: Locale): string {
  return line.endsOn ? m.booking_until({ date: formatDay(line.endsOn, locale) }) : line.time;
}

/** A labels map as the options of a select, in its order (or only `codes`). */
export function optionsOf<K extends string>(labels: Record<K, Label>, codes: readonly K[] = Object.keys(labels) as K[]) {
  return codes.map((code) => ({ value: code, label: labels[code]() }));
}
