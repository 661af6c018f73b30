import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { appRuntime, stopRuntime } from '$lib/server/app-runtime';
import { translate, type Locale } from '$lib/i18n';

export const init: ServerInit = async () => {
  await appRuntime();
  // adapter-node emits `sveltekit:shutdown` once in-flight requests are done: release PGlite's lock then.
  process.once('sveltekit:shutdown' as never, () => void stopRuntime());
};

export const handle: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, async ({ request, locale }) => {
    event.request = request;
    event.locals.locale = locale as Locale;
    event.locals.runtime = await appRuntime();
    return resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%lang%', locale),
    });
  });

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error('[maillage] unexpected error', event.url.pathname, error);
  const locale = event.locals.locale ?? 'fr';
  return {
    message: status === 404 ? translate('error_not_found', {}, locale) : translate('error_internal', {}, locale),
  };
};
