import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { placesOfArea } from '$lib/server/places';
import { departementCode } from '$lib/server/places/contracts';
import { communesOf, getDepartement, getRegion, territoryVintage } from '$lib/server/territory';

/** The largest communes listed on the page; the others are reached by search. */
const LISTED_COMMUNES = 30;

export const load = ({ params, locals }) =>
  pageLoad(locals.locale, async () => {
    const db = locals.runtime.database.db;
    const departement = await getDepartement(db, parse(departementCode, params.code));
    const [region, communes, places, vintage] = await Promise.all([
      getRegion(db, departement.regionCode),
      communesOf(db, { departement: departement.code }),
      placesOfArea(db, { departement: departement.code }),
      territoryVintage(db),
    ]);
    return {
      departement,
      region,
      population: communes.reduce((sum, c) => sum + c.population, 0),
      communeCount: communes.length,
      largest: communes.slice(0, LISTED_COMMUNES),
      places,
      vintage: vintage?.vintage ?? '',
    };
  });
