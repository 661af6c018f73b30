import { sql, type SQL } from 'drizzle-orm';
import { UUID_PATTERN } from './contracts.ts';

/**
 * The place `p` named by an id or a slug, as the directory reads it (a slug in any case). Only a well-formed
 * UUID is cast: anything else is looked up as a slug, so a malformed key is a 404, never a database error.
 */
export function placeKeyCondition(idOrSlug: string): SQL {
  const key = idOrSlug.trim().toLowerCase();
  return UUID_PATTERN.test(key) ? sql`p.id = ${key}::uuid` : sql`p.slug = ${key}`;
}
