import { apiHandler } from '$lib/server/http/api';
import { parse, queryOf } from '$lib/server/http/problem';
import { placesGeoJsonText } from '$lib/server/places';
import { PlaceExportQuery, toPlaceSearch } from '$lib/server/places/contracts';

export const GET = apiHandler(async ({ url, locals }) => {
  // Built as text by the domain: 20,000 places serialise well under a second this way.
  const text = await placesGeoJsonText(locals.runtime.database.db, toPlaceSearch(parse(PlaceExportQuery, queryOf(url))), {
    source: url.origin,
  });
  return new Response(text, { headers: { 'content-type': 'application/geo+json; charset=utf-8' } });
});
