import { managedPlaces } from '$lib/server/booking';
import { formAction, requestContext } from '$lib/server/http/form';
import { acceptFunding, myFundedPlaces } from '$lib/server/impact';
import { territoryCommunes, type TerritoryKind } from '$lib/server/territory';

export const load = async (event) => {
  const ctx = requestContext(event);
  const actor = ctx.actor;
  const scopes = actor.kind === 'user' ? actor.memberships.filter((m) => m.organizationKind === 'territory' && m.scopeLevel && m.scopeCode).map((m) => ({ kind: m.scopeLevel!, code: m.scopeCode! })) : [];
  const [run, funded, territories] = await Promise.all([
    managedPlaces(ctx),
    myFundedPlaces(ctx),
    // Named as people know them (the council's EPCI, not its SIREN).
    Promise.all(scopes.map(async (scope) => ({ ...scope, name: (await territoryCommunes(ctx.db, scope.kind as TerritoryKind, scope.code)).name }))),
  ]);
  return { signedIn: actor.kind === 'user', run, funded, territories };
};

export const actions = {
  accept: (event) =>
    formAction(event, async (values) => {
      await acceptFunding(requestContext(event), values.placeId ?? '', values.organizationId ?? '');
      return { accepted: true };
    }),
};
