import { territoryVintage } from '$lib/server/territory';
import { readInstance } from '$lib/server/instance';
import { scopeHref } from '$lib/organization-labels';

const instance = readInstance();

export const load = async ({ locals, url }) => {
  const territory = await territoryVintage(locals.runtime.database.db);
  const actor = locals.actor;
  const user =
    actor.kind === 'user'
      ? {
          name: actor.name || actor.email,
          admin: actor.platformRole === 'admin',
          // "Mes lieux": members of an operator, or of any organization that runs places (a council's own).
          places: actor.memberships.some((membership) => membership.organizationKind === 'operator' || membership.organizationKind === 'territory'),
          // "Mes événements": members of an organization that organizes events (an operator, a council, a network).
          events: actor.memberships.some((membership) => ['operator', 'territory', 'network'].includes(membership.organizationKind)),
          // "Mon territoire": the territory page of the first council the person belongs to, where Maillage has one.
          territory:
            actor.memberships
              .filter((membership) => membership.organizationKind === 'territory' && membership.scopeLevel && membership.scopeCode)
              .map((membership) => scopeHref(membership.scopeLevel!, membership.scopeCode!))
              .find((href) => href !== null) ?? null,
        }
      : null;
  return {
    locale: locals.locale,
    user,
    instance,
    path: url.pathname + url.search,
    formRefusal: locals.formRefusal?.message ?? null,
    territoryVintage: territory ? { vintage: territory.vintage, version: territory.version } : null,
  };
};
