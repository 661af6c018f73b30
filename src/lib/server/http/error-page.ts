import { translate, type Locale } from '../../i18n.ts';
import { log } from '../log.ts';
import { bodyTooLarge } from './body-limit.ts';

/**
 * What SvelteKit's `handleError` answers and logs. SvelteKit's own refusals of a bad request (an unknown page,
 * a body over the limit, a method not allowed) are answers, not crashes: only a 5xx is logged, with its stack,
 * and its message leaks nothing of it.
 */
export function unexpectedErrorPage(error: unknown, status: number, path: string, locale: Locale, route: string | null = null): { message: string } {
  if (status >= 500) log.error({ err: error, route: route ?? 'unmatched' }, 'unexpected error');
  if (status === 413) return { message: translate('error_body_too_large', bodyTooLarge(path).params, locale) };
  const key = status === 404 ? 'error_not_found' : status >= 500 ? 'error_internal' : `status_${status}`;
  return { message: translate(key, {}, locale, translate(status >= 500 ? 'error_internal' : 'status_400', {}, locale)) };
}
