import { adminUserAction, adminUsers } from '$lib/server/accounts';
import { requirePermission } from '$lib/server/http/guard';
import { formAction, requestContext } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { queryOf } from '$lib/server/http/problem';

export const load = async (event) => {
  const actor = requirePermission(event, 'admin.read', { type: 'instance' });
  const found = await pageLoad(event.locals.locale, () => adminUsers(event.locals.runtime.database.db, actor, queryOf(event.url)), 400);
  // The administrator's own row offers no action on itself (adminUserAction refuses them too).
  return { ...found, me: actor.userId };
};

export const actions = {
  // One action for the buttons of a row: `action` says which (resend, disable, enable, grant, revoke).
  default: (event) =>
    formAction(event, async (values) => {
      const ctx = requestContext(event);
      const { changed } = await adminUserAction(ctx, ctx.actor, ctx.headers, values);
      return { done: values.action, changed, userId: values.userId };
    }),
};
