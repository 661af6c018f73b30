import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import {
  cancelInvitation,
  changeMemberRole,
  getOrganization,
  inviteMember,
  leaveOrganization,
  removeMember,
  transferOwnership,
  type RequestContext,
} from '$lib/server/accounts';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { formatDateTime } from '$lib/dates';

export const load = async (event) => {
  requireSignedIn(event);
  const { locale } = event.locals;
  const organization = await pageLoad(locale, () => getOrganization(requestContext(event), event.params.id));
  return {
    organization: {
      ...organization,
      createdAt: formatDateTime(organization.createdAt, locale),
      members: organization.members.map(({ id, userId, name, email, role }) => ({ id, userId, name, email, role })),
      invitations: organization.invitations.map((invitation) => ({ ...invitation, expiresAt: formatDateTime(invitation.expiresAt, locale) })),
    },
    me: event.locals.actor.kind === 'user' ? event.locals.actor.userId : null,
    notice: event.url.searchParams.has('creee') ? ('created' as const) : event.url.searchParams.has('bienvenue') ? ('joined' as const) : null,
  };
};

/** What each form of the page does; its success and its refusal both name it, so the page answers beside it. */
export type OrganizationForm = 'invite' | 'cancel' | 'role' | 'remove' | 'transfer' | 'leave';

type Run = (ctx: RequestContext, id: string, values: Record<string, string>) => Promise<void>;

// Every call re-checks access in the domain: a stranger's id is a 404 there too.
async function run(event: RequestEvent<{ id: string }>, done: OrganizationForm, call: Run) {
  const result = await formAction(event, async (values) => {
    await call(requestContext(event), event.params.id, values);
    return { done, memberId: values.memberId ?? null, email: values.email?.trim().toLowerCase() ?? null };
  });
  return 'done' in result ? result : fail(result.status, { ...result.data, done });
}

export const actions = {
  invite: (event) => run(event, 'invite', (ctx, id, values) => inviteMember(ctx, id, values).then(() => undefined)),
  cancel: (event) => run(event, 'cancel', (ctx, id, values) => cancelInvitation(ctx, id, values.invitationId ?? '')),
  role: (event) => run(event, 'role', (ctx, id, values) => changeMemberRole(ctx, id, values)),
  remove: (event) => run(event, 'remove', (ctx, id, values) => removeMember(ctx, id, values.memberId ?? '')),
  transfer: (event) => run(event, 'transfer', (ctx, id, values) => transferOwnership(ctx, id, values.memberId ?? '')),
  leave: (event) =>
    run(event, 'leave', async (ctx, id) => {
      await leaveOrganization(ctx, id);
      redirect(303, '/compte/organisations?quittee=1');
    }),
};
