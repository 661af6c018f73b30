import { pageLoad } from '$lib/server/http/page';
import { placesOfArea } from '$lib/server/places';
import { parse } from '$lib/server/http/problem';
import { getEpci, territoryVintage } from '$lib/server/territory';
import { sirenCode } from '$lib/server/territory/contracts';

export const load = ({ params, locals }) =>
  pageLoad(locals.locale, async () => {
    const db = locals.runtime.database.db;
    const siren = parse(sirenCode, params.siren);
    const [epci, vintage, places] = await Promise.all([getEpci(db, siren), territoryVintage(db), placesOfArea(db, { epci: siren })]);
    return { epci, places, vintage: vintage?.vintage ?? '' };
  });
