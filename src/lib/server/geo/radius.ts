import { invalid } from '../errors.ts';
import { decimalParam } from '../params.ts';

/** The radius of a search around a commune or a point when none is given. */
export const DEFAULT_RADIUS_KM = 30;
/** The largest radius of a directory search. */
export const MAX_RADIUS_KM = 500;
/** "Other places nearby" on a place page, and the dead-end suggestions' horizon on a map: at most this far. */
export const NEARBY_PLACES_KM = 100;

/** More than 0 and at most `max`, else `radius_invalid` with the limit. */
export function checkRadius(radiusKm: number, max: number = MAX_RADIUS_KM): number {
  if (!(Number.isFinite(radiusKm) && radiusKm > 0 && radiusKm <= max)) throw invalid('radius_invalid', { max });
  return radiusKm;
}

/** A radius in km as a query-string parameter: more than 0 and at most `max`. */
export const radiusParam = (max: number = MAX_RADIUS_KM) =>
  decimalParam(`Radius around near, km: more than 0 and at most ${max}; default ${DEFAULT_RADIUS_KM}`).superRefine((km, ctx) => {
    if (!(km > 0 && km <= max)) ctx.addIssue({ code: 'custom', message: 'radius_invalid', params: { max } });
  });
