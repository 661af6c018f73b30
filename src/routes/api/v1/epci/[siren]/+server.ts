import { apiHandler } from '$lib/server/http/api';
import { parse } from '$lib/server/http/problem';
import { getEpci } from '$lib/server/territory';
import { sirenCode } from '$lib/server/territory/contracts';

export const GET = apiHandler(async ({ params, locals }) =>
  getEpci(locals.runtime.database.db, parse(sirenCode, params.siren)),
);
