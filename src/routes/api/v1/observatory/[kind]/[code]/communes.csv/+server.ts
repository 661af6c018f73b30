import { apiHandler } from '$lib/server/http/api';
import { parse } from '$lib/server/http/problem';
import { observatoryCsv, observatoryOf } from '$lib/server/observatory';
import { TerritoryPath } from '$lib/server/observatory/contracts';
import { CSV_LICENCE, CSV_LICENCE_URL } from '$lib/server/places';

export const GET = apiHandler(async ({ params, locals }) => {
  const { kind, code } = parse(TerritoryPath, params);
  const csv = observatoryCsv(await observatoryOf(locals.runtime.database.db, kind, code));
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="maillage-observatoire-${kind}-${code}.csv"`,
      link: `<${CSV_LICENCE_URL}>; rel="license"; title="${CSV_LICENCE}"`,
    },
  });
});
