import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { calendarFeed } from '$lib/server/booking';

/** A person's private calendar feed: their bookings, for calendar apps; an unknown (or renewed) token is a 404. */
export const GET = async ({ params, locals, url }) => {
  const feed = await calendarFeed(locals.runtime.database.db, params.token, url.origin);
  if (feed === null) error(404, { message: translate('error_not_found', {}, locals.locale) });
  return new Response(feed, {
    headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300', 'x-robots-tag': 'noindex' },
  });
};
