// Labels of the places vocabulary, one catalogue message per code: pages ship only these messages, never the
// whole catalogue. A code without a label, or a label of no code, is a compile error.
import { m } from '$lib/paraglide/messages.js';
import type { OperatorKind, PlaceKind, PlaceService, PlaceStatus, Weekday } from '$lib/server/places/schema';

type Label = () => string;

/** In the order of the filter form. */
export const kindLabels: Record<PlaceKind, Label> = {
  coworking: m.kind_coworking,
  telecentre: m.kind_telecentre,
  fablab: m.kind_fablab,
  'tiers-lieu': m.kind_tiers_lieu,
  'public-workspace': m.kind_public_workspace,
};

/** In the order of the filter form. */
export const serviceLabels: Record<PlaceService, Label> = {
  'meeting-room': m.service_meeting_room,
  'private-offices': m.service_private_offices,
  domiciliation: m.service_domiciliation,
  reception: m.service_reception,
  kitchen: m.service_kitchen,
  printer: m.service_printer,
  'phone-booth': m.service_phone_booth,
  videoconference: m.service_videoconference,
  'car-parking': m.service_car_parking,
  'bike-parking': m.service_bike_parking,
  'reduced-mobility-access': m.service_reduced_mobility_access,
  'event-space': m.service_event_space,
  'fablab-tools': m.service_fablab_tools,
  childcare: m.service_childcare,
};

/** Monday first. */
export const weekdayLabels: Record<Weekday, Label> = {
  mo: m.weekday_mo,
  tu: m.weekday_tu,
  we: m.weekday_we,
  th: m.weekday_th,
  fr: m.weekday_fr,
  sa: m.weekday_sa,
  su: m.weekday_su,
};

export const statusLabels: Record<PlaceStatus, Label> = {
  project: m.places_status_project,
  open: m.places_status_open,
  closed: m.places_status_closed,
};

export const operatorLabels: Record<OperatorKind, Label> = {
  independent: m.operator_independent,
  'large-operator': m.operator_large_operator,
  'public-private': m.operator_public_private,
  council: m.operator_council,
  association: m.operator_association,
};
