import { apiHandler } from '$lib/server/http/api';
import { parse, queryOf } from '$lib/server/http/problem';
import { searchCommunes } from '$lib/server/territory';
import { CommuneSearchQuery } from '$lib/server/territory/contracts';

export const GET = apiHandler(async ({ url, locals }) => {
  const { q, postalCode, near, limit } = parse(CommuneSearchQuery, queryOf(url));
  const search = q !== undefined ? { q, limit } : postalCode !== undefined ? { postalCode, limit } : { near: near!, limit };
  return { items: await searchCommunes(locals.runtime.database.db, search) };
});
