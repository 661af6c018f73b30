import { exportPersonalData } from '$lib/server/accounts';
import { apiHandler } from '$lib/server/http/api';

export const GET = apiHandler(async ({ locals }) => {
  const data = await exportPersonalData(locals.runtime.database.db, locals.actor);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="maillage-${data.exportedAt.slice(0, 10)}.json"`,
      'cache-control': 'private, no-store',
    },
  });
});
