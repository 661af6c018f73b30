import type * as z from 'zod';

/**
 * Characters no typed name may hold: controls (C0, DEL, C1; a NUL byte above all, which PostgreSQL refuses),
 * line and paragraph separators, and the bidirectional marks, embeddings, overrides and isolates that make a
 * name, and the text shown after it, read in another order than it is written ("Trojan Source").
 */
const HIDDEN_CHARACTERS = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export const hasHiddenCharacters = (value: string) => HIDDEN_CHARACTERS.test(value);

/** The one check of every name typed by someone (people, organizations, places, resources, offers). */
export const plainName = <T extends z.ZodType<string>>(schema: T, error: string) =>
  schema.refine((value) => !hasHiddenCharacters(value), { error });
