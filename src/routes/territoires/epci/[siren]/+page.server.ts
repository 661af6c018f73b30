import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { getEpci, territoryVintage } from '$lib/server/territory';
import { sirenCode } from '$lib/server/territory/contracts';

export const load = ({ params, locals }) =>
  pageLoad(locals.locale, async () => {
    const db = locals.runtime.database.db;
    const [epci, vintage] = await Promise.all([getEpci(db, parse(sirenCode, params.siren)), territoryVintage(db)]);
    return { epci, vintage: vintage?.vintage ?? '' };
  });
