import { redirect } from '@sveltejs/kit';
import { requestMagicLink, signIn } from '$lib/server/accounts';
import { formAction } from '$lib/server/http/form';
import { safeReturnPath } from '$lib/server/http/return-path';

export const load = ({ locals, url }) => {
  const back = safeReturnPath(url.searchParams.get('retour'), url.origin, '/compte');
  if (locals.actor.kind === 'user') redirect(303, back);
  return { back, passwordChanged: url.searchParams.has('motdepasse'), linkInvalid: url.searchParams.has('lien') };
};

export const actions = {
  password: async (event) => {
    const result = await formAction(event, (values) => signIn(event.locals.runtime.accounts, event.locals.authHeaders, values));
    // Success: better-auth has set the session cookie (through SvelteKit's cookies); go where the person was going.
    if (result instanceof Headers) redirect(303, safeReturnPath(event.url.searchParams.get('retour'), event.url.origin, '/compte'));
    return result;
  },
  // Same answer for any address.
  link: (event) =>
    formAction(event, async (values) => {
      await requestMagicLink(event.locals.runtime.accounts, event.locals.authHeaders, values);
      return { linkSentTo: values.email?.trim().toLowerCase() ?? '' };
    }),
};
