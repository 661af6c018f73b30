import { homeCommuneCode } from '$lib/server/http/home-commune';
import { DEFAULT_RADIUS_KM, MAX_RADIUS_KM } from '$lib/server/geo';
import { networkSummary, searchPlaces } from '$lib/server/places';
import { resolveCommuneField } from '$lib/server/territory';

/** Places shown on the first screen. */
const SHOWN = 6;

/**
 * The home page: where to work, from a commune or a postal code (a GET form: `?nearText=46140`, then the commune
 * chosen, `&near=46182`), what the network holds, and a few places to open.
 */
export const load = async ({ url, locals }) => {
  const db = locals.runtime.database.db;
  const asked = url.searchParams.has('near') || url.searchParams.has('nearText');
  const nearText = url.searchParams.get('nearText') ?? '';
  const nearCode = asked ? (url.searchParams.get('near') ?? '') : await homeCommuneCode(locals);
  const near = { text: nearText, ...(await resolveCommuneField(db, nearCode, nearText)) };
  const summary = await networkSummary(db);
  if (!near.selected) {
    const { items } = await searchPlaces(db, { status: 'open', perPage: SHOWN });
    return { near, summary, places: items, within: true, radiusKm: DEFAULT_RADIUS_KM };
  }
  const around = { near: { code: near.selected.code }, perPage: SHOWN };
  const within = await searchPlaces(db, { ...around, radiusKm: DEFAULT_RADIUS_KM });
  if (within.total > 0) return { near, summary, places: within.items, within: true, radiusKm: DEFAULT_RADIUS_KM };
  // Nothing within the radius: the nearest places whatever the distance (up to the search's limit), said so.
  const farther = await searchPlaces(db, { ...around, radiusKm: MAX_RADIUS_KM, perPage: 3 });
  return { near, summary, places: farther.items, within: false, radiusKm: DEFAULT_RADIUS_KM };
};
