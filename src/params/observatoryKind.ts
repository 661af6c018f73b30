import type { ParamMatcher } from '@sveltejs/kit';

/** The territory kinds of the observatory's pages, as the site spells them in its addresses (`ensembles`: saved sets). */
export const match: ParamMatcher = (param) => param === 'communes' || param === 'epci' || param === 'departements' || param === 'regions' || param === 'ensembles';
