import { requireUser, type Actor } from '../../src/lib/server/accounts/index.ts';
import { acceptEntitlementInvitation, grantEntitlement } from '../../src/lib/server/booking/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';

/** A carnet or a plan the team offers to a person's address and the person accepts, as through the console and the e-mail. */
export async function heldEntitlement(db: Db, team: Actor, person: Actor, placeId: string, input: { offerId: string; startsOn?: string }, now = new Date()) {
  const offered = await grantEntitlement({ db, actor: team, now }, placeId, { ...input, email: requireUser(person).email });
  return acceptEntitlementInvitation({ db, actor: person, now }, offered.id);
}
