import { feedResponse } from '$lib/server/http/feed';

/** A place's public events, for calendar apps (ETag, 304). */
export const GET = (event) => feedResponse(event, { kind: 'place', slug: event.params.slug });
