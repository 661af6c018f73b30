import { adminUsers } from '$lib/server/accounts';
import { requirePermission } from '$lib/server/http/guard';
import { pageLoad } from '$lib/server/http/page';
import { queryOf } from '$lib/server/http/problem';

export const load = async (event) => {
  const actor = requirePermission(event, 'admin.read', { type: 'instance' });
  return pageLoad(event.locals.locale, () => adminUsers(event.locals.runtime.database.db, actor, queryOf(event.url)), 400);
};
