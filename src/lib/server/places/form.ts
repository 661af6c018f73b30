import type { Db } from '../db/database.ts';
import { DomainError, type FieldIssue } from '../errors.ts';
import { chosenCommune, resolveCommuneField, type Commune } from '../territory/index.ts';
import { LIMITS, PLACE_FIELD_NAMES, placeField, type PlaceFields } from './model.ts';
import { MAX_OPENING_HOURS_LENGTH } from './opening-hours.ts';
import { placeServices, type PlaceService } from './schema.ts';
import { openingHoursOfForm, weekGridFormValues } from './week-grid.ts';

// The edit form of a place (`/lieux/nouveau`, `/lieux/{slug}/modifier`): every field as the text of an
// input, and back. Checkboxes of services are named `service-<code>`; the version is `updatedAt`; opening
// hours come from the week grid (`week-grid.ts`) unless the advanced field is chosen. The commune comes from
// the commune picker (`communeCodeText` typed, `communeCode` chosen); the position from the latitude and
// longitude inputs (which the map fills), or the commune's centre when `coordinatesCommune` is ticked.

export const SERVICE_FIELD_PREFIX = 'service-';
/** The picker sends the text typed under this name, and the code chosen as `communeCode`. */
export const COMMUNE_TEXT_FIELD = 'communeCodeText';
/** Ticked: the place stands at its commune's centre, whatever the latitude and longitude say. */
export const COMMUNE_CENTRE_FIELD = 'coordinatesCommune';

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

/** The fields the form reads from an input of their own, each in the way `PLACE_FIELDS` says. */
const FORM_FIELDS = PLACE_FIELD_NAMES.filter((field) => placeField(field).form !== null);

/** `12,5` or `12.5` → 12.5; blank → null; anything else is passed on as typed, for the contract to refuse. */
function numberOf(value: string): number | string | null {
  const text = value.trim().replace(/\s/g, '').replace(',', '.');
  if (text === '') return null;
  const number = Number(text);
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text) && Number.isFinite(number) ? number : value;
}

/** `fr, en oc` → `['fr', 'en', 'oc']`. */
const listOf = (value: string) => value.split(/[\s,;]+/).filter(Boolean);

/**
 * The submitted form as a `PlaceInput` / `PlacePatch` (every field given: blank optional ones clear),
 * and what the form alone can tell is wrong (a point with one coordinate).
 */
export function placeInputOfForm(values: Record<string, string>): { input: Record<string, unknown>; issues: FieldIssue[] } {
  const input: Record<string, unknown> = {};
  for (const field of FORM_FIELDS) {
    const { form, blankClears } = placeField(field);
    const value = values[field] ?? '';
    if (form === 'number') input[field] = numberOf(value);
    else if (form === 'list') input[field] = listOf(value);
    else if (form === 'services') input[field] = placeServices.filter((service) => values[`${SERVICE_FIELD_PREFIX}${service}`] !== undefined);
    else input[field] = value.trim() === '' && blankClears ? null : value.trim();
  }
  const hours = openingHoursOfForm(values);
  input.openingHours = hours.value;
  const issues: FieldIssue[] = [...hours.issues];
  if (values[COMMUNE_CENTRE_FIELD] !== undefined) {
    input.coordinatesExact = false;
    input.lat = input.lon = null;
  } else if ((input.lat === null) !== (input.lon === null))
    issues.push({ path: input.lat === null ? 'lat' : 'lon', message: 'place_coordinates_incomplete' });
  return { input, issues };
}

/**
 * The form as a `PlaceInput` / `PlacePatch`, its commune read from the picker: a postal code or a name
 * naming one commune gives its code; none, or several (a postal code serving several communes, until one
 * is chosen), is an issue on `communeCode` and the commune is left out. A form without the picker's text
 * (the API's shape) keeps the code as sent.
 */
export async function placeInputOfFormWithCommune(db: Db, values: Record<string, string>) {
  const { input, issues } = placeInputOfForm(values);
  const text = values[COMMUNE_TEXT_FIELD];
  if (text === undefined) return { input, issues };
  try {
    const commune = await chosenCommune(db, values.communeCode ?? '', text, 'communeCode');
    if (commune) input.communeCode = commune.code;
    else issues.push({ path: 'communeCode', message: 'place_commune_required' });
  } catch (error) {
    if (!(error instanceof DomainError) || error.issues.length === 0) throw error;
    issues.push(...error.issues);
  }
  if (issues.some((issue) => issue.path === 'communeCode')) delete input.communeCode;
  return { input, issues };
}

/** What the commune picker shows: the text typed, and the commune it names or those it may name. */
export interface CommunePickerState {
  text: string;
  selected: Commune | null;
  candidates: Commune[];
}

/** The picker after a refused form (what was typed, read again), or for a place's commune (`code`). */
export async function communePickerOf(db: Db, code: string, text = ''): Promise<CommunePickerState> {
  return { text, ...(await resolveCommuneField(db, code, text)) };
}

const text = (value: string | number | null) => (value === null ? '' : String(value));

/** A place's fields as the form's inputs show them (a point only when it is the place's own). */
export function formValuesOfPlace(place: PlaceFields & { updatedAt?: string }): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of FORM_FIELDS) {
    const value = place[field];
    const { form } = placeField(field);
    if (form === 'services') for (const service of value as PlaceService[]) values[`${SERVICE_FIELD_PREFIX}${service}`] = 'on';
    else if (form === 'list') values[field] = (value as string[]).join(', ');
    else values[field] = text(value as string | number | null);
  }
  if (!place.coordinatesExact) values.lat = values.lon = '';
  Object.assign(values, weekGridFormValues(place.openingHours));
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
