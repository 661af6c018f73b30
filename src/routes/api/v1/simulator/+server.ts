import { apiHandler } from '$lib/server/http/api';
import { parse, queryOf } from '$lib/server/http/problem';
import { simulateCommute } from '$lib/server/simulator';
import { SimulationQuery, simulationRequestOf } from '$lib/server/simulator/contracts';

export const GET = apiHandler(async ({ url, locals }) =>
  simulateCommute(locals.runtime.database.db, simulationRequestOf(parse(SimulationQuery, queryOf(url)))),
);
