import { error, type RequestEvent } from '@sveltejs/kit';
import { translate } from '../../i18n.ts';
import { DomainError } from '../errors.ts';
import { cachedFeed, feedTag, type FeedScope } from '../events/index.ts';
import { toProblem } from './problem.ts';

/**
 * A public calendar feed with its ETag: a client that sends back the tag gets a 304 without the feed being
 * built (the tag is read from the events' count and last change); another gets the body kept for that tag.
 * An unknown place is a 404.
 */
export async function feedResponse(event: RequestEvent, scope: FeedScope): Promise<Response> {
  const db = event.locals.runtime.database.db;
  try {
    const tag = await feedTag(db, scope);
    const headers = { etag: tag, 'cache-control': 'public, max-age=300', 'content-type': 'text/calendar; charset=utf-8' };
    if (event.request.headers.get('if-none-match') === tag) return new Response(null, { status: 304, headers });
    return new Response(await cachedFeed(db, scope, tag, new Date(), event.url.origin), { headers });
  } catch (caught) {
    if (caught instanceof DomainError) error(404, { message: toProblem(caught, event.locals.locale).detail, code: caught.code });
    throw caught;
  }
}

/** A feed path that names nothing (an unknown territory level): the same 404 page as any. */
export const noFeed = (event: RequestEvent): never => error(404, { message: translate('error_not_found', {}, event.locals.locale) });
