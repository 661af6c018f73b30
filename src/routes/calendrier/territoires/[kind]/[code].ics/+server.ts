import { FEED_TERRITORY_KINDS } from '$lib/server/events';
import { feedResponse, noFeed } from '$lib/server/http/feed';

/** A territory's public events (`communes`, `epci`, `departements`, `regions`), for calendar apps (ETag, 304). */
export const GET = (event) => {
  const level = FEED_TERRITORY_KINDS[event.params.kind as keyof typeof FEED_TERRITORY_KINDS];
  if (!level || !/^[0-9AB]{2,9}$/i.test(event.params.code)) return noFeed(event);
  return feedResponse(event, { kind: 'territory', level, code: event.params.code.toUpperCase() });
};
