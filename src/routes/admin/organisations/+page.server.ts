import { listOrganizations } from '$lib/server/accounts';
import { requirePermission } from '$lib/server/http/guard';
import { pageLoad } from '$lib/server/http/page';

export const load = async (event) => {
  const actor = requirePermission(event, 'admin.read', { type: 'instance' });
  return { organizations: await pageLoad(event.locals.locale, () => listOrganizations(event.locals.runtime.database.db, actor)) };
};
