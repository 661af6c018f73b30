import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { env } from '$env/dynamic/public';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { appRuntime, metrics, stopRuntime } from '$lib/server/app-runtime';
import { log, logRequest, requestId } from '$lib/server/log';
import { operationalResponse } from '$lib/server/http/operational';
import { DataDirLockedError, DatabaseNewerError } from '$lib/server/db';
import { ANONYMOUS, CLIENT_IP_HEADER, LOCALE_HEADER, actorOf, isEmailLinkRequest } from '$lib/server/accounts';
import { translate, type Locale } from '$lib/i18n';
import { declaredOverLimit, limitBody } from '$lib/server/http/body-limit';
import { unexpectedErrorPage } from '$lib/server/http/error-page';
import { formOrigin } from '$lib/server/http/origin';
import { secured } from '$lib/server/http/security-headers';
import { withRequestOrigin } from '$lib/server/links';

export const init: ServerInit = async () => {
  try {
    await appRuntime();
  } catch (error) {
    // A database this version cannot serve (newer, or held by another process): said plainly, no stack.
    if (error instanceof DatabaseNewerError || error instanceof DataDirLockedError) {
      log.fatal(`cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // adapter-node emits `sveltekit:shutdown` once in-flight requests are done: release PGlite's lock then.
  process.once('sveltekit:shutdown' as never, () => void stopRuntime());
};

/** The request headers better-auth sees: the client's, with the address and language set by us, never by the client. */
function authHeaders(request: Request, clientAddress: string, locale: Locale): Headers {
  const headers = new Headers(request.headers);
  headers.set(CLIENT_IP_HEADER, clientAddress);
  headers.set(LOCALE_HEADER, locale);
  return headers;
}

const hasSessionCookie = (request: Request) => /session_token=/.test(request.headers.get('cookie') ?? '');

let schemeWarned = false;

/**
 * A form posted from another origin (svelte.config.js leaves this check to us) is refused in the person's
 * language: a JSON problem for the API and for enhanced forms, otherwise the page itself, rendered as if
 * fetched, with the refusal above it and status 403. Nothing of the post is carried out.
 */
function refuseCrossSiteForm(event: RequestEvent, locale: Locale): Response | null {
  const verdict = formOrigin(event.request.method, event.request.headers, event.url.origin);
  if (verdict === 'same-origin') return null;
  if (verdict === 'scheme-mismatch' && !schemeWarned) {
    schemeWarned = true;
    log.warn(`a form posted from ${event.request.headers.get('origin')} was refused: this server sees itself as ${event.url.origin}; behind an HTTPS proxy, set ORIGIN to the public URL`);
  }
  const message = translate('error_cross_site_form', {}, locale);
  if (event.request.headers.get('x-sveltekit-action') === 'true') {
    return Response.json({ type: 'error', error: { message } }, { status: 403 });
  }
  if (event.url.pathname.startsWith('/api/') || !(event.request.headers.get('accept') ?? '').includes('text/html')) {
    const problem = { type: 'about:blank', title: translate('status_403', {}, locale), status: 403, code: 'cross_site_form', detail: message };
    return Response.json(problem, { status: 403, headers: { 'content-type': 'application/problem+json' } });
  }
  showPageInstead(event, 403, 'cross_site_form', message);
  return null;
}

/**
 * A plain form post (no JavaScript) refused before its action runs: the page it was posted to is rendered
 * as if fetched, with the refusal above it and the refusal's status. Nothing of the post is carried out.
 */
function showPageInstead(event: RequestEvent, status: 403 | 413, code: string, message: string) {
  const headers = new Headers(event.request.headers);
  headers.delete('content-type');
  headers.delete('content-length');
  event.request = new Request(event.url, { method: 'GET', headers });
  event.locals.pageStatus = status;
  event.locals.formRefusal = { code, message };
}

/** A page's form declared over its route's limit (a photo too heavy, without JavaScript): its page says so. */
function refuseLargeForm(event: RequestEvent, locale: Locale): void {
  const isPageForm = event.request.method === 'POST' && !event.url.pathname.startsWith('/api/') && event.request.headers.get('x-sveltekit-action') !== 'true';
  const over = isPageForm ? declaredOverLimit(event.request, event.url.pathname) : null;
  if (over) showPageInstead(event, 413, over.code, translate(`error_${over.code}`, over.params, locale));
}

// Links written while serving a request (e-mails, calendars) know the address the browser used (links.ts).
// Every answer carries the security headers (security-headers.ts), pages SvelteKit's CSP (svelte.config.js).
// One log line and the metrics of every request (log.ts: by route id, never by path).
export const handle: Handle = async ({ event, resolve }) => {
  const started = performance.now();
  const id = requestId(event.request.headers.get('x-request-id'));
  const operational = await operationalResponse(event.request.method, event.url.pathname, event.request.headers.get('authorization'));
  const response = secured(operational ?? (await withRequestOrigin(event.url.origin, () => handleRequest({ event, resolve }))), env.PUBLIC_MAP_TILE_URL);
  response.headers.set('x-request-id', id);
  const route = operational ? event.url.pathname : event.route.id;
  const seconds = (performance.now() - started) / 1000;
  metrics.observeRequest(event.request.method, route, response.status, seconds);
  logRequest(log, { method: event.request.method, route, status: response.status, durationMs: seconds * 1000, requestId: id });
  return response;
};

const handleRequest: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, async ({ request, locale }) => {
    event.request = request;
    event.locals.locale = locale as Locale;
    const runtime = await appRuntime();
    event.locals.runtime = runtime;
    const headers = authHeaders(request, event.getClientAddress(), locale as Locale);
    event.locals.authHeaders = headers;
    const refusal = refuseCrossSiteForm(event, locale as Locale);
    if (refusal) return refusal;
    if (!event.locals.formRefusal) refuseLargeForm(event, locale as Locale);
    const overLimit = limitBody(event, locale as Locale);
    if (overLimit) return overLimit;
    // The links of e-mails (verification, magic link, password reset) are better-auth's own endpoints.
    if (isEmailLinkRequest(request.method, event.url.pathname)) {
      return runtime.accounts.auth.handler(new Request(request, { headers }));
    }
    // Anonymous visitors cost no database round trip.
    event.locals.actor = hasSessionCookie(request) ? await actorOf(runtime.accounts, headers) : ANONYMOUS;
    const response = await resolve(event, {
      // A page's JSON-LD (event pages) is a data block, never run: the CSP's script rule does not apply to it.
      transformPageChunk: ({ html }) => {
        const page = html.replace('%lang%', locale);
        return event.locals.jsonLd ? page.replace('</head>', `<script type="application/ld+json">${event.locals.jsonLd}</script></head>`) : page;
      },
    });
    // A page that renders its own refusal (a form shown again with the message) still answers with its 4xx.
    if (event.locals.pageStatus && response.status === 200 && response.headers.get('content-type')?.startsWith('text/html')) {
      return new Response(response.body, { status: event.locals.pageStatus, headers: response.headers });
    }
    return response;
  });

export const handleError: HandleServerError = ({ error, event, status }) =>
  unexpectedErrorPage(error, status, event.url.pathname, event.locals.locale ?? 'fr', event.route.id);
