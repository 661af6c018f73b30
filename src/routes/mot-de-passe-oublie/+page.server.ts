import { requestPasswordReset } from '$lib/server/accounts';
import { formAction } from '$lib/server/http/form';

export const actions = {
  // Same answer for any address.
  default: (event) =>
    formAction(event, async (values) => {
      await requestPasswordReset(event.locals.runtime.accounts, event.locals.authHeaders, values);
      return { sentTo: values.email?.trim().toLowerCase() ?? '' };
    }),
};
