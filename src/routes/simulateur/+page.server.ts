import { DomainError } from '$lib/server/errors';
import { parse, toProblem } from '$lib/server/http/problem';
import { simulateCommute } from '$lib/server/simulator';
import { SimulationQuery, simulationRequestOf } from '$lib/server/simulator/contracts';
import { resolveCommuneField } from '$lib/server/territory';
import { homeCommuneCode } from '$lib/server/http/home-commune';

/** The options of the form, named as in GET /api/v1/simulator, so a result URL is also an API query. */
const OPTIONS = ['mode', 'energy', 'days', 'weeks', 'occupancy', 'horsepower', 'consumption', 'fuelPrice', 'wear', 'rebound', 'currency', 'costMethod', 'detour', 'dayPrice', 'speed'] as const;

export const load = async ({ url, locals }) => {
  const db = locals.runtime.database.db;
  // A first visit starts from the signed-in person's home commune.
  const fresh = ![...url.searchParams.keys()].some((key) => key === 'home' || key === 'homeText');
  const homeCode = fresh ? await homeCommuneCode(locals) : '';
  const field = async (name: string) => {
    const text = url.searchParams.get(`${name}Text`) ?? '';
    const code = url.searchParams.get(name) ?? (name === 'home' ? homeCode : '');
    return { text, ...(await resolveCommuneField(db, code, text)) };
  };
  const [home, work, place] = await Promise.all([field('home'), field('work'), field('place')]);
  const values = Object.fromEntries(
    OPTIONS.map((option) => [option, url.searchParams.get(option) ?? '']).filter(([, value]) => value !== ''),
  ) as Partial<Record<(typeof OPTIONS)[number], string>>;

  let simulation = null;
  let errors: string[] = [];
  if (home.selected && work.selected) {
    try {
      const query = parse(SimulationQuery, {
        ...values,
        home: home.selected.code,
        work: work.selected.code,
        ...(place.selected && { place: place.selected.code }),
      });
      simulation = await simulateCommute(db, simulationRequestOf(query));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const problem = toProblem(error, locals.locale);
      errors = problem.errors?.map((e) => e.message) ?? [problem.detail];
    }
  }
  return { home, work, place, values, simulation, errors };
};
