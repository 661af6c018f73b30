import * as z from 'zod';
import { invalid } from '../errors.ts';
import { isValidLatLon } from './distance.ts';

/** Where a search or a simulation starts: a commune (INSEE code) or a point. */
export type Location = { code: string } | { lat: number; lon: number };

const POINT = /^([-+]?\d{1,3}(?:[.]\d+)?)\s*,\s*([-+]?\d{1,3}(?:[.]\d+)?)$/;
export const INSEE_CODE = /^(\d{2}|2A|2B)\d{3}$/i;

/**
 * "INSEE code or LAT,LON", the one reading of a location typed or passed in a query string.
 * Returns the location, or the catalogue key of what is wrong with it.
 */
export function parseLocation(text: string): Location | 'location_format' | 'near_out_of_range' {
  const trimmed = text.trim();
  if (INSEE_CODE.test(trimmed)) return { code: trimmed.toUpperCase() };
  const point = POINT.exec(trimmed);
  if (!point) return 'location_format';
  const lat = Number(point[1]);
  const lon = Number(point[2]);
  return isValidLatLon(lat, lon) ? { lat, lon } : 'near_out_of_range';
}

/** A point given in code (not typed): out of range is refused with the same key as a typed one. */
export function checkPoint(point: { lat: number; lon: number }): void {
  if (!isValidLatLon(point.lat, point.lon)) throw invalid('near_out_of_range');
}

/** An INSEE commune code or a `LAT,LON` point, as a query-string parameter. */
export const locationParam = (description: string) =>
  z
    .string()
    .transform((text, ctx): Location => {
      const parsed = parseLocation(text);
      if (typeof parsed === 'object') return parsed;
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    })
    .meta({ description: `${description}: an INSEE commune code (e.g. 46182) or a point LAT,LON`, example: '46182' });
