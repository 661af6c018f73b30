import { redirect } from '@sveltejs/kit';
import { acceptEntitlementInvitation, declineEntitlementInvitation, entitlementInvitation } from '$lib/server/booking';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { formatDateTime } from '$lib/dates';

// The page the e-mail offering a carnet or a plan links to. Signed out: to the sign-in page and back. Anyone
// but the person at the address it was sent to gets 404, as for an unknown offer.
export const load = async (event) => {
  requireSignedIn(event);
  const offered = await pageLoad(event.locals.locale, () => entitlementInvitation(requestContext(event), event.params.id));
  return { offered: { ...offered, expiresAt: formatDateTime(offered.expiresAt, event.locals.locale) } };
};

export const actions = {
  accept: (event) =>
    formAction(event, async () => {
      await acceptEntitlementInvitation(requestContext(event), event.params.id);
      redirect(303, '/compte/reservations');
    }),
  decline: (event) =>
    formAction(event, async () => {
      await declineEntitlementInvitation(requestContext(event), event.params.id);
      redirect(303, '/compte/reservations');
    }),
};
