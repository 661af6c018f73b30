import { createHash } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { calendarFeed } from '$lib/server/booking';
import { addRegistrationsTo } from '$lib/server/events';

/**
 * A person's private calendar feed: their bookings and their event registrations, for calendar apps; an unknown
 * (or renewed) token is a 404. Its ETag is a digest of the feed: an unchanged feed answers 304.
 */
export const GET = async ({ params, locals, url, request }) => {
  const feed = await calendarFeed(locals.runtime.database.db, params.token, url.origin, [addRegistrationsTo]);
  if (feed === null) error(404, { message: translate('error_not_found', {}, locals.locale) });
  const etag = `"${createHash('sha256').update(feed.replace(/^DTSTAMP:.*$/gm, '')).digest('base64url').slice(0, 27)}"`;
  const headers = { etag, 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300', 'x-robots-tag': 'noindex' };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(feed, { headers });
};
