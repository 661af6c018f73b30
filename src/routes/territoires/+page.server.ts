import { DomainError } from '$lib/server/errors';
import { parse } from '$lib/server/http/problem';
import { toProblem } from '$lib/server/http/problem';
import { searchCommunes } from '$lib/server/territory';
import { CommuneSearchQuery } from '$lib/server/territory/contracts';

/** The search box's GET target: a 5-digit query is a postal code, anything else the start of a name. */
export const load = async ({ url, locals }) => {
  const query = (url.searchParams.get('q') ?? '').trim();
  if (!query) return { query, communes: null, error: null };
  try {
    const criteria = parse(CommuneSearchQuery, /^\d{5}$/.test(query) ? { postalCode: query } : { q: query });
    const search = criteria.postalCode ? { postalCode: criteria.postalCode } : { q: criteria.q!, limit: 50 };
    return { query, communes: await searchCommunes(locals.runtime.database.db, search), error: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { query, communes: null, error: toProblem(error, locals.locale).detail };
  }
};
