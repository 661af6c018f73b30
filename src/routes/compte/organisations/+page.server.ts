import { redirect } from '@sveltejs/kit';
import { can, createOrganization, listMyOrganizations, myInvitations, organizationKinds, scopeLevels } from '$lib/server/accounts';
import { managedPlaces } from '$lib/server/booking';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { formatDateTime } from '$lib/dates';

export const load = async (event) => {
  const actor = requireSignedIn(event);
  const ctx = requestContext(event);
  const [organizations, invitations, consoles] = await Promise.all([listMyOrganizations(ctx), myInvitations(ctx), managedPlaces(ctx)]);
  const { searchParams } = event.url;
  return {
    organizations: organizations.map(({ id, name, kind, role }) => ({ id, name, kind, role })),
    invitations: invitations.map((invitation) => ({ ...invitation, expiresAt: formatDateTime(invitation.expiresAt, event.locals.locale) })),
    // The kinds this person may create, as `can` decides (councils and networks: platform administrators).
    creatableKinds: organizationKinds.filter((kind) => can(actor, `organization.create-${kind}`, { type: 'instance' })),
    scopeLevels,
    // The places whose bookings these organizations run: links to their consoles.
    consoles,
    notice: searchParams.has('refusee') ? ('declined' as const) : searchParams.has('quittee') ? ('left' as const) : null,
  };
};

export const actions = {
  create: (event) =>
    formAction(event, async (values) => {
      const created = await createOrganization(requestContext(event), values);
      redirect(303, `/compte/organisations/${created.id}?creee=1`);
    }),
};
