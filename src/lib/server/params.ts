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
