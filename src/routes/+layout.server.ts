import { territoryVintage } from '$lib/server/territory';

export const load = async ({ locals, url }) => {
  const territory = await territoryVintage(locals.runtime.database.db);
  return {
    locale: locals.locale,
    user: locals.actor.kind === 'user' ? { name: locals.actor.name || locals.actor.email, admin: locals.actor.platformRole === 'admin' } : null,
    path: url.pathname + url.search,
    formRefused: locals.formRefused ?? false,
    territoryVintage: territory ? { vintage: territory.vintage, version: territory.version } : null,
  };
};
