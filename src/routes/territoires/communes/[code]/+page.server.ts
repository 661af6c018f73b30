import { pageLoad } from '$lib/server/http/page';
import { placesOfArea } from '$lib/server/places';
import { parse } from '$lib/server/http/problem';
import { getCommune, getDepartement, getRegion, nearestCommunes, territoryVintage } from '$lib/server/territory';
import { inseeCode } from '$lib/server/territory/contracts';

export const load = ({ params, locals }) =>
  pageLoad(locals.locale, async () => {
    const db = locals.runtime.database.db;
    const commune = await getCommune(db, parse(inseeCode, params.code));
    const [departement, region, neighbours, vintage, parent, places] = await Promise.all([
      getDepartement(db, commune.departement),
      getRegion(db, commune.region),
      nearestCommunes(db, commune, 10, { excludeCode: commune.parentCode ?? commune.code }),
      territoryVintage(db),
      commune.parentCode ? getCommune(db, commune.parentCode) : null,
      placesOfArea(db, { commune: commune.parentCode ?? commune.code }),
    ]);
    return { commune, departement, region, neighbours, parent, places, vintage: vintage?.vintage ?? '' };
  });
