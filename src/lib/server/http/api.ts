import { json, type RequestEvent } from '@sveltejs/kit';
import { DomainError } from '../errors.ts';
import { translate } from '../../i18n.ts';
import { log } from '../log.ts';
import { problemResponse } from './problem.ts';

/**
 * Wraps an /api/v1 handler: its result becomes JSON, a DomainError a problem+json in the caller's
 * language, and anything else a logged 500 problem that leaks nothing.
 */
export function apiHandler<E extends RequestEvent>(handler: (event: E) => Promise<unknown>) {
  return async (event: E): Promise<Response> => {
    try {
      const result = await handler(event);
      return result instanceof Response ? result : json(result);
    } catch (error) {
      if (error instanceof DomainError) return problemResponse(error, event.locals.locale);
      log.error({ err: error, route: event.route.id }, 'unexpected API error');
      const locale = event.locals.locale;
      return json(
        { type: 'about:blank', title: translate('status_500', {}, locale), status: 500, code: 'internal', detail: translate('error_internal', {}, locale) },
        { status: 500, headers: { 'content-type': 'application/problem+json' } },
      );
    }
  };
}
