// The labels of a place's fields (edit form and history) and the failure its form shows. Static maps of
// catalogue messages, as in place-labels.ts: pages ship only these.
import { m } from '$lib/paraglide/messages.js';
import { failureOf, type FormFailure } from '$lib/forms';
import type { PlaceFields } from '$lib/server/places/model';

type Label = () => string;

/** Every field of a place, in the order of the form. */
export const fieldLabels: Record<keyof PlaceFields, Label> = {
  name: m.place_edit_field_name,
  slug: m.place_edit_field_slug,
  kind: m.place_edit_field_kind,
  status: m.place_edit_field_status,
  descriptionFr: m.place_edit_field_description_fr,
  descriptionEn: m.place_edit_field_description_en,
  communeCode: m.place_edit_field_commune_code,
  address: m.place_edit_field_address,
  lat: m.place_edit_field_lat,
  lon: m.place_edit_field_lon,
  coordinatesExact: m.place_edit_field_coordinates_exact,
  desks: m.place_edit_field_desks,
  surfaceM2: m.place_edit_field_surface,
  internetMbps: m.place_edit_field_internet,
  services: m.place_edit_field_services,
  openingHours: m.place_edit_field_opening_hours,
  dayPrice: m.place_edit_field_day_price,
  halfDayPrice: m.place_edit_field_half_day_price,
  carnet10Price: m.place_edit_field_carnet_price,
  monthPrice: m.place_edit_field_month_price,
  operatorOrganizationId: m.place_edit_field_operator_organization,
  operatorName: m.place_edit_field_operator_name,
  operatorKind: m.place_edit_field_operator_kind,
  openedOn: m.place_edit_field_opened_on,
  contactEmail: m.place_edit_field_contact_email,
  contactPhone: m.place_edit_field_contact_phone,
  website: m.place_edit_field_website,
  languages: m.place_edit_field_languages,
};

/**
 * The failure of the place form: when fields were refused, each shows its own message and the top says
 * to look at them (instead of repeating them all); a refusal of the whole form keeps its message.
 */
export function placeFormFailure(form: unknown): FormFailure | null {
  const failure = failureOf(form);
  if (!failure) return null;
  const fieldErrors = Object.keys(failure.errors).filter((path) => path !== 'form');
  return fieldErrors.length > 0 ? { ...failure, message: m.place_edit_errors_below() } : failure;
}
