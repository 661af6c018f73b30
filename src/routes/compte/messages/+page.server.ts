import { myConversations } from '$lib/server/community';
import { requestContext, requireSignedIn } from '$lib/server/http/form';

export const load = async (event) => {
  requireSignedIn(event);
  return { conversations: await myConversations(requestContext(event)) };
};
