import { json } from '@sveltejs/kit';
import { apiHandler } from '$lib/server/http/api';
import { parse } from '$lib/server/http/problem';
import { observatoryContours } from '$lib/server/observatory';
import { TerritoryPath } from '$lib/server/observatory/contracts';

export const GET = apiHandler(async ({ params, locals }) => {
  const { kind, code } = parse(TerritoryPath, params);
  return json(await observatoryContours(locals.runtime.database.db, kind, code), { headers: { 'content-type': 'application/geo+json' } });
});
