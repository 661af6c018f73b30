import { apiHandler } from '$lib/server/http/api';
import { parse, queryOf } from '$lib/server/http/problem';
import { CSV_LICENCE, CSV_LICENCE_URL, placesCsv } from '$lib/server/places';
import { PlaceExportQuery, toPlaceSearch } from '$lib/server/places/contracts';

export const GET = apiHandler(async ({ url, locals }) => {
  const csv = await placesCsv(locals.runtime.database.db, toPlaceSearch(parse(PlaceExportQuery, queryOf(url))));
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="maillage-lieux.csv"',
      // A CSV file has no metadata of its own: the licence travels with it as a link relation (RFC 8288).
      link: `<${CSV_LICENCE_URL}>; rel="license"; title="${CSV_LICENCE}"`,
    },
  });
});
