import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
// access.ts and schema.ts directly: the accounts index imports the places domain.
import { can, requireUser, type Actor } from '../accounts/access.ts';
import { organization } from '../accounts/schema.ts';
import { communes } from '../territory/schema.ts';
import { places, type PlaceStatus } from './schema.ts';

/** A place run by one of the person's organisations, with what they may do there ("Mes lieux"). */
export interface ManagedPlace {
  slug: string;
  name: string;
  communeName: string;
  status: PlaceStatus;
  organizationName: string;
  /** May edit its page (`/lieux/{slug}/modifier`). */
  update: boolean;
  /** May run its booking console (`/gestion/lieux/{slug}`). */
  manage: boolean;
}

/**
 * The places run by the organisations the actor belongs to, by organisation then name; each with the rights
 * `can` gives on it (a platform administrator sees their own organisations' places here, not every place).
 */
export async function placesManagedBy(db: Db, actor: Actor): Promise<ManagedPlace[]> {
  const person = requireUser(actor);
  const ids = person.memberships.map((membership) => membership.organizationId);
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: places.id,
      slug: places.slug,
      name: places.name,
      communeName: communes.name,
      status: places.status,
      organizationId: places.operatorOrganisationId,
      organizationName: organization.name,
    })
    .from(places)
    .innerJoin(organization, eq(organization.id, places.operatorOrganisationId))
    .innerJoin(communes, eq(communes.code, places.communeCode))
    .where(inArray(places.operatorOrganisationId, ids))
    .orderBy(asc(organization.name), asc(places.sortName), asc(places.id));
  return rows.map(({ id, organizationId, ...row }) => {
    const resource = { type: 'place', id, operatorOrganizationId: organizationId } as const;
    return { ...row, update: can(person, 'place.update', resource), manage: can(person, 'booking.manage', resource) };
  });
}
