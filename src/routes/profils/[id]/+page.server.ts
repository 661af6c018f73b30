import { redirect } from '@sveltejs/kit';
import { readProfile, writeToProfile, MAX_MESSAGE_LENGTH } from '$lib/server/community';
import { formAction, requestContext } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';

export const load = async (event) => {
  const { locals, params } = event;
  const profile = await pageLoad(locals.locale, () => readProfile(requestContext(event), params.id, locals.locale));
  const actor = locals.actor;
  const own = actor.kind === 'user' && actor.userId === profile.id;
  return { profile, own, signedIn: actor.kind === 'user', canWrite: actor.kind === 'user' && !own && profile.visibility !== 'private', maxLength: MAX_MESSAGE_LENGTH };
};

export const actions = {
  write: async (event) => {
    const result = await formAction(event, (values) => writeToProfile(requestContext(event), event.params.id, { body: values.body ?? '' }));
    if (result && 'conversationId' in result) redirect(303, `/compte/messages/${result.conversationId}?envoye=1`);
    return result;
  },
};
