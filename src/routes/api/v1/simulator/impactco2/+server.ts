import { apiHandler } from '$lib/server/http/api';
import { parse, queryOf } from '$lib/server/http/problem';
import { impactCo2 } from '$lib/server/simulator';
import { ImpactCo2Query } from '$lib/server/simulator/contracts';

export const GET = apiHandler(async ({ url }) => {
  const query = parse(ImpactCo2Query, queryOf(url));
  return impactCo2({ ...query });
});
