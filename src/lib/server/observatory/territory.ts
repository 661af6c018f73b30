// The territories of the observatory: a commune, an EPCI, a département, a région (the territory domain's),
// or a set of communes saved by a territory organization (`sets.ts`), named by its number.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { notFound } from '../errors.ts';
import { communePointsOf, territoryCommunes, type TerritoryCommunes, type TerritoryKind } from '../territory/index.ts';
import { communeSets } from './schema.ts';

/** A territory of the observatory: the administrative ones, and a saved set of communes (its number). */
export type ObservatoryKind = TerritoryKind | 'set';
export const MAX_SET_COMMUNES = 5000;

export interface ObservatoryTerritory extends Omit<TerritoryCommunes, 'kind'> {
  kind: ObservatoryKind;
}

/** The communes of any observatory territory (404 when unknown). */
export async function observatoryTerritory(db: Db, kind: ObservatoryKind, code: string): Promise<ObservatoryTerritory> {
  if (kind !== 'set') return territoryCommunes(db, kind, code);
  const [set] = /^\d{1,9}$/.test(code) ? await db.select().from(communeSets).where(eq(communeSets.id, Number(code))) : [];
  if (!set) throw notFound('set_not_found', { code: code.slice(0, 20) });
  return { kind, code: String(set.id), name: set.name, communes: await communePointsOf(db, set.communeCodes) };
}

