import type { FieldIssue } from '../errors.ts';
import { LIMITS, type PlaceFields } from './model.ts';
import { MAX_OPENING_HOURS_LENGTH } from './opening-hours.ts';
import { placeServices } from './schema.ts';
import { openingHoursOfForm, weekGridFormValues } from './week-grid.ts';

// The edit form of a place (`/lieux/nouveau`, `/lieux/{slug}/modifier`): every field as the text of an
// input, and back. Checkboxes of services are named `service-<code>`; the version is `updatedAt`; opening
// hours come from the week grid (`week-grid.ts`) unless the advanced field is chosen.

export const SERVICE_FIELD_PREFIX = 'service-';

/** The longest text of each field, for the form's `maxlength` (the page cannot import the model). */
export const PLACE_FORM_LIMITS = {
  name: LIMITS.name,
  slug: LIMITS.slug,
  description: LIMITS.description,
  address: LIMITS.address,
  openingHours: MAX_OPENING_HOURS_LENGTH,
  operatorName: LIMITS.operatorName,
  email: LIMITS.email,
  website: LIMITS.website,
};
export type PlaceFormLimits = typeof PLACE_FORM_LIMITS;

/** The form's text inputs, in the contract's names; the rest are selects, checkboxes and the version. */
const TEXT_FIELDS = [
  'name',
  'slug',
  'descriptionFr',
  'descriptionEn',
  'communeCode',
  'address',
  'openingHours',
  'operatorName',
  'openedOn',
  'contactEmail',
  'contactPhone',
  'website',
] as const;
// The four prices are not in the form: they are read from the place's offers (see `placePriceFigures`).
const NUMBER_FIELDS = ['lat', 'lon', 'desks', 'surfaceM2', 'internetMbps'] as const;
const CHOICE_FIELDS = ['kind', 'status', 'operatorKind', 'operatorOrganizationId'] as const;
/** Fields that clear to null when left blank (the others are text that may be empty, or required). */
const NULLABLE = new Set<string>(['slug', 'address', 'openingHours', 'operatorName', 'openedOn', 'contactEmail', 'contactPhone', 'website', 'operatorKind', 'operatorOrganizationId']);

/** `12,5` or `12.5` → 12.5; blank → null; anything else is passed on as typed, for the contract to refuse. */
function numberOf(value: string): number | string | null {
  const text = value.trim().replace(/\s/g, '').replace(',', '.');
  if (text === '') return null;
  const number = Number(text);
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text) && Number.isFinite(number) ? number : value;
}

/** `fr, en oc` → `['fr', 'en', 'oc']`. */
const languagesOf = (value: string) => value.split(/[\s,;]+/).filter(Boolean);

/**
 * The submitted form as a `PlaceInput` / `PlacePatch` (every field given: blank optional ones clear),
 * and what the form alone can tell is wrong (a point with one coordinate).
 */
export function placeInputOfForm(values: Record<string, string>): { input: Record<string, unknown>; issues: FieldIssue[] } {
  const input: Record<string, unknown> = {};
  for (const field of [...TEXT_FIELDS, ...CHOICE_FIELDS]) {
    const value = (values[field] ?? '').trim();
    input[field] = value === '' && NULLABLE.has(field) ? null : value;
  }
  for (const field of NUMBER_FIELDS) input[field] = numberOf(values[field] ?? '');
  input.services = placeServices.filter((service) => values[`${SERVICE_FIELD_PREFIX}${service}`] !== undefined);
  input.languages = languagesOf(values.languages ?? '');
  const hours = openingHoursOfForm(values);
  input.openingHours = hours.value;
  const issues: FieldIssue[] = [...hours.issues];
  if ((input.lat === null) !== (input.lon === null))
    issues.push({ path: input.lat === null ? 'lat' : 'lon', message: 'place_coordinates_incomplete' });
  return { input, issues };
}

const text = (value: string | number | null) => (value === null ? '' : String(value));

/** A place's fields as the form's inputs show them (a point only when it is the place's own). */
export function formValuesOfPlace(place: PlaceFields & { updatedAt?: string }): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of [...TEXT_FIELDS, ...CHOICE_FIELDS, ...NUMBER_FIELDS]) values[field] = text(place[field]);
  if (!place.coordinatesExact) values.lat = values.lon = '';
  for (const service of place.services) values[`${SERVICE_FIELD_PREFIX}${service}`] = 'on';
  Object.assign(values, weekGridFormValues(place.openingHours));
  values.languages = place.languages.join(', ');
  if (place.updatedAt) values.updatedAt = place.updatedAt;
  return values;
}

/** Office hours on weekdays, closed on public holidays: what most places start from. */
const NEW_PLACE_HOURS = 'Mo-Fr 09:00-18:00; PH off';

/** The values of an empty form: a new open coworking space, or the one operator the person has. */
export function newPlaceFormValues(operatorIds: readonly string[]): Record<string, string> {
  return {
    kind: 'coworking',
    status: 'open',
    operatorOrganizationId: operatorIds.length === 1 ? operatorIds[0]! : '',
    ...weekGridFormValues(NEW_PLACE_HOURS),
    openingHours: NEW_PLACE_HOURS,
  };
}

/** The directory's prices of a place as the form shows them, read-only: they come from its offers, set in its console. */
export function placePriceFigures(place: Pick<PlaceFields, 'dayPrice' | 'halfDayPrice' | 'carnet10Price' | 'monthPrice'>) {
  return { dayPrice: place.dayPrice, halfDayPrice: place.halfDayPrice, carnet10Price: place.carnet10Price, monthPrice: place.monthPrice };
}
export type PlacePriceFiguresView = ReturnType<typeof placePriceFigures>;
