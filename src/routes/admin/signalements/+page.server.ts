import { redirect } from '@sveltejs/kit';
import { openReports, resolveReport } from '$lib/server/community';
import { formAction, requestContext } from '$lib/server/http/form';
import { requirePermission } from '$lib/server/http/guard';
import { pageLoad } from '$lib/server/http/page';

/** The reports members sent about conversations, oldest first, with the messages they are about. */
export const load = async (event) => {
  requirePermission(event, 'community.moderate', { type: 'instance' });
  return { reports: await pageLoad(event.locals.locale, () => openReports(requestContext(event))) };
};

export const actions = {
  resolve: async (event) => {
    const result = await formAction(event, (values) => resolveReport(requestContext(event), values.id ?? ''));
    if (result === undefined) redirect(303, '/admin/signalements?traite=1');
    return result;
  },
};
