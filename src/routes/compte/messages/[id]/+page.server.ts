import { redirect } from '@sveltejs/kit';
import { amountRanges, confirmCollaboration, readConversation, replyInConversation, reportConversation, setBlocked, MAX_MESSAGE_LENGTH } from '$lib/server/community';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';

export const load = async (event) => {
  requireSignedIn(event);
  const conversation = await pageLoad(event.locals.locale, () => readConversation(requestContext(event), event.params.id));
  return { conversation, amountRanges, maxLength: MAX_MESSAGE_LENGTH };
};

const back = (id: string, what: string) => redirect(303, `/compte/messages/${id}?${what}=1`);

export const actions = {
  reply: async (event) => {
    const result = await formAction(event, (values) => replyInConversation(requestContext(event), event.params.id, { body: values.body ?? '' }));
    if (result && 'messageId' in result) back(event.params.id, 'envoye');
    return result;
  },
  collaboration: async (event) => {
    const result = await formAction(event, (values) => confirmCollaboration(requestContext(event), event.params.id, { amountRange: values.amountRange || null }));
    if (result === undefined) back(event.params.id, 'collaboration');
    return result;
  },
  block: async (event) => {
    const result = await formAction(event, (values) => setBlocked(requestContext(event), event.params.id, values.blocked === 'true'));
    if (result === undefined) back(event.params.id, 'blocage');
    return result;
  },
  report: async (event) => {
    const result = await formAction(event, (values) => reportConversation(requestContext(event), event.params.id, { reason: values.reason ?? '' }));
    if (result === undefined) back(event.params.id, 'signale');
    return result;
  },
};
