import { redirect } from '@sveltejs/kit';
import { acceptInvitation, declineInvitation, getInvitation } from '$lib/server/accounts';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { formatDateTime } from '$lib/dates';

// The page an invitation e-mail links to. Signed out: to the sign-in page and back. Anyone but the person
// invited gets 404, as for an unknown invitation.
export const load = async (event) => {
  requireSignedIn(event);
  const invitation = await pageLoad(event.locals.locale, () => getInvitation(requestContext(event), event.params.id));
  return { invitation: { ...invitation, expiresAt: formatDateTime(invitation.expiresAt, event.locals.locale) } };
};

export const actions = {
  accept: (event) =>
    formAction(event, async () => {
      const organizationId = await acceptInvitation(requestContext(event), event.params.id);
      redirect(303, `/compte/organisations/${organizationId}?bienvenue=1`);
    }),
  decline: (event) =>
    formAction(event, async () => {
      await declineInvitation(requestContext(event), event.params.id);
      redirect(303, '/compte/organisations?refusee=1');
    }),
};
