import * as z from 'zod';

// Query-string parameters shared by the contracts: strict formats, errors as catalogue keys.

const DECIMAL = /^[-+]?\d{1,9}([.,]\d+)?$/;

/** A decimal number written plainly (`12.5` or `12,5`); hex, exponents and blanks are refused. */
export const decimalParam = (description: string) =>
  z
    .string()
    .trim()
    .regex(DECIMAL, { error: 'number_format' })
    .transform((text) => Number(text.replace(',', '.')))
    .meta({ description });

export const integerParam = (description: string) =>
  z
    .string()
    .trim()
    .regex(/^[-+]?\d{1,9}$/, { error: 'integer_format' })
    .transform(Number)
    .meta({ description });

/** A page of a list, from 1: a lower one is refused with the directory's message. */
export const pageParam = () => integerParam('Page, from 1').pipe(z.number().min(1, { error: 'place_page_invalid' }));

export const booleanParam = (description: string) =>
  z
    .enum(['true', 'false', '1', '0', 'on', 'off'], { error: 'boolean_format' })
    .transform((value) => value === 'true' || value === '1' || value === 'on')
    .meta({ description });

export type Location = { code: string } | { lat: number; lon: number };

const POINT = /^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*,\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$/;
const INSEE = /^(\d{2}|2A|2B)\d{3}$/i;

/** An INSEE commune code or a `LAT,LON` point. */
export const locationParam = (description: string) =>
  z
    .string()
    .transform((text, ctx): Location => {
      const trimmed = text.trim();
      if (INSEE.test(trimmed)) return { code: trimmed.toUpperCase() };
      const point = POINT.exec(trimmed);
      if (point) {
        const lat = Number(point[1]);
        const lon = Number(point[2]);
        if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) return { lat, lon };
      }
      ctx.addIssue({ code: 'custom', message: 'location_format' });
      return z.NEVER;
    })
    .meta({ description: `${description}: an INSEE commune code (e.g. 46182) or a point LAT,LON`, example: '46182' });
