import { redirect } from '@sveltejs/kit';
import { signOut } from '$lib/server/accounts';

export const load = () => redirect(303, '/');

export const actions = {
  default: async ({ locals }) => {
    if (locals.actor.kind === 'user') await signOut(locals.runtime.accounts, locals.authHeaders);
    redirect(303, '/');
  },
};
