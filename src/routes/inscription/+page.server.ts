import { redirect } from '@sveltejs/kit';
import { signUp } from '$lib/server/accounts';
import { formAction } from '$lib/server/http/form';

export const load = ({ locals }) => {
  if (locals.actor.kind === 'user') redirect(303, '/compte');
};

export const actions = {
  // The same answer whether the address is new or known (its owner gets an e-mail saying so).
  default: (event) =>
    formAction(event, async (values) => {
      await signUp(event.locals.runtime.accounts, event.locals.authHeaders, { ...values, preferredLanguage: event.locals.locale });
      return { sentTo: values.email?.trim().toLowerCase() ?? '' };
    }),
};
