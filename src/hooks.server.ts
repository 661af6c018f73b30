import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { appRuntime, stopRuntime } from '$lib/server/app-runtime';
import { ANONYMOUS, CLIENT_IP_HEADER, LOCALE_HEADER, actorOf, isEmailLinkRequest } from '$lib/server/accounts';
import { translate, type Locale } from '$lib/i18n';

export const init: ServerInit = async () => {
  await appRuntime();
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

export const handle: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, async ({ request, locale }) => {
    event.request = request;
    event.locals.locale = locale as Locale;
    const runtime = await appRuntime();
    event.locals.runtime = runtime;
    const headers = authHeaders(request, event.getClientAddress(), locale as Locale);
    event.locals.authHeaders = headers;
    // The links of e-mails (verification, magic link, password reset) are better-auth's own endpoints.
    if (isEmailLinkRequest(request.method, event.url.pathname)) {
      return runtime.accounts.auth.handler(new Request(request, { headers }));
    }
    // Anonymous visitors cost no database round trip.
    event.locals.actor = hasSessionCookie(request) ? await actorOf(runtime.accounts, headers) : ANONYMOUS;
    const response = await resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%lang%', locale),
    });
    // A page that renders its own refusal (a form shown again with the message) still answers with its 4xx.
    if (event.locals.pageStatus && response.status === 200 && response.headers.get('content-type')?.startsWith('text/html')) {
      return new Response(response.body, { status: event.locals.pageStatus, headers: response.headers });
    }
    return response;
  });

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error('[maillage] unexpected error', event.url.pathname, error);
  const locale = event.locals.locale ?? 'fr';
  return {
    message: status === 404 ? translate('error_not_found', {}, locale) : translate('error_internal', {}, locale),
  };
};
