import { adminOutboxMessage } from '$lib/server/accounts';
import { requirePermission } from '$lib/server/http/guard';
import { pageLoad } from '$lib/server/http/page';

export const load = async (event) => {
  const actor = requirePermission(event, 'admin.read', { type: 'instance' });
  const message = await pageLoad(event.locals.locale, () => adminOutboxMessage(event.locals.runtime.database.db, actor, event.params.id));
  // The text version only: the HTML one says the same, and is not shown in the admin's session.
  const { htmlBody: _html, ...shown } = message;
  return { message: shown };
};
