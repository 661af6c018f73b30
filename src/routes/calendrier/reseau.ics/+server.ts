import { feedResponse } from '$lib/server/http/feed';

/** The whole network's public events, for calendar apps (ETag, 304). */
export const GET = (event) => feedResponse(event, { kind: 'network' });
