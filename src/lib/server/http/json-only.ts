import type { RequestEvent } from '@sveltejs/kit';
import { unsupportedMedia } from '../errors.ts';
import { apiHandler } from './api.ts';
import { jsonBody } from './json-body.ts';

/** `application/json` (parameters allowed): a body browsers send to another site only after a CORS preflight. */
const isJsonRequest = (request: Request) => /^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '');

/**
 * An /api/v1 handler that changes data on behalf of the session cookie: its body must be JSON. Any other
 * content type (a form or `text/plain` posted by another site, no body type at all) is a 415 before anything
 * is read, so another site cannot make a signed-in browser act; a body that is not JSON is a 400.
 */
export function jsonApiHandler<E extends RequestEvent>(handler: (event: E, body: unknown) => Promise<unknown>) {
  return apiHandler<E>(async (event) => {
    if (!isJsonRequest(event.request)) throw unsupportedMedia('json_required');
    return handler(event, await jsonBody(event.request));
  });
}
