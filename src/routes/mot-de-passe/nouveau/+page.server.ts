import { redirect } from '@sveltejs/kit';
import { resetPassword } from '$lib/server/accounts';
import { formAction } from '$lib/server/http/form';

// better-auth's e-mailed link checks the token and lands here with `?token=…` (or `?error=INVALID_TOKEN`).
export const load = ({ url }) => ({ token: url.searchParams.get('token') ?? '', linkInvalid: url.searchParams.has('error') });

export const actions = {
  default: async (event) => {
    const result = await formAction(event, (values) => resetPassword(event.locals.runtime.accounts, event.locals.authHeaders, values));
    if (result === undefined) redirect(303, '/connexion?motdepasse=1');
    return result;
  },
};
