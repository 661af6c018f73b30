import { instanceOverview } from '$lib/server/accounts';
import { requirePermission } from '$lib/server/http/guard';
import { pageLoad } from '$lib/server/http/page';

export const load = async (event) => {
  const actor = requirePermission(event, 'admin.read', { type: 'instance' });
  return { overview: await pageLoad(event.locals.locale, () => instanceOverview(event.locals.runtime.database.db, actor)) };
};
