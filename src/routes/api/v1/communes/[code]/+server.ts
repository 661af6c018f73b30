import { apiHandler } from '$lib/server/http/api';
import { parse } from '$lib/server/http/problem';
import { getCommune } from '$lib/server/territory';
import { inseeCode } from '$lib/server/territory/contracts';

export const GET = apiHandler(async ({ params, locals }) =>
  getCommune(locals.runtime.database.db, parse(inseeCode, params.code)),
);
