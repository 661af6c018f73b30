import { apiHandler } from '$lib/server/http/api';
import { parse } from '$lib/server/http/problem';
import { observatoryOf } from '$lib/server/observatory';
import { TerritoryPath } from '$lib/server/observatory/contracts';

export const GET = apiHandler(async ({ params, locals }) => {
  const { kind, code } = parse(TerritoryPath, params);
  return observatoryOf(locals.runtime.database.db, kind, code);
});
