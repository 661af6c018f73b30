import { json } from '@sveltejs/kit';
import { writeToProfile } from '$lib/server/community';
import { requestContext } from '$lib/server/http/form';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { PRIVATE_HEADERS } from '$lib/server/http/private';

/** 201: the message is relayed; the conversation continues in the app. */
export const POST = jsonApiHandler(async (event, body) => {
  const sent = await writeToProfile(requestContext(event), event.params.id ?? '', body);
  return json(sent, { status: 201, headers: { ...PRIVATE_HEADERS, location: `/compte/messages/${sent.conversationId}` } });
});
