import { managedPlaces } from '$lib/server/booking';
import { formAction, requestContext } from '$lib/server/http/form';
import { acceptFunding, myFundedPlaces } from '$lib/server/impact';

export const load = async (event) => {
  const ctx = requestContext(event);
  const actor = ctx.actor;
  const territories = actor.kind === 'user' ? actor.memberships.filter((m) => m.organizationKind === 'territory' && m.scopeLevel && m.scopeCode).map((m) => ({ kind: m.scopeLevel!, code: m.scopeCode! })) : [];
  const [run, funded] = await Promise.all([managedPlaces(ctx), myFundedPlaces(ctx)]);
  return { signedIn: actor.kind === 'user', run, funded, territories };
};

export const actions = {
  accept: (event) =>
    formAction(event, async (values) => {
      await acceptFunding(requestContext(event), values.placeId ?? '', values.organizationId ?? '');
      return { accepted: true };
    }),
};
