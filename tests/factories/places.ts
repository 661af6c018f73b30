import type { Accounts } from '../../src/lib/server/accounts/index.ts';
import { createOrganization } from '../../src/lib/server/accounts/index.ts';
import { createPlace, type Place } from '../../src/lib/server/places/index.ts';
import { refreshed, signedUpPerson, type SignedIn } from './accounts.ts';

let counter = 0;

/** A verified person owning a new operator organization that runs a new place (`fields` of createPlace). */
export async function operatorWithPlace(accounts: Accounts, fields: Record<string, unknown>): Promise<{ owner: SignedIn; organizationId: string; place: Place }> {
  const person = await signedUpPerson(accounts);
  const organization = await createOrganization(person.ctx, { name: `Coopérative ${Date.now().toString(36)}${++counter}`, kind: 'operator' });
  const owner = await refreshed(accounts, person);
  const place = await createPlace(accounts.db, { ...fields, operatorOrganizationId: organization.id });
  return { owner, organizationId: organization.id, place };
}
