import { error } from '@sveltejs/kit';
import { translate, type Locale } from '../../i18n.ts';

// The Node adapter refuses bodies over BODY_SIZE_LIMIT (default 512K) on every route, in bare English text.
// `npm start` lifts it unless set (scripts/start.js): this check holds each route to its own limit instead,
// the adapter's default except for photo uploads, and refuses in the person's language.

/** What any request body may weigh: the Node adapter's default (512K). */
export const DEFAULT_BODY_LIMIT = 512 * 1024;
/** A photo upload: the 10 MB file with its form fields (alt texts). */
export const PHOTO_BODY_LIMIT = 11 * 1024 * 1024;

/** The photo uploads: the management page's actions and the API's POST. */
const PHOTO_UPLOAD = /^\/(lieux\/[^/]+\/photos|api\/v1\/places\/[^/]+\/photos)\/?$/;

export const bodyLimitOf = (pathname: string) => (PHOTO_UPLOAD.test(pathname) ? PHOTO_BODY_LIMIT : DEFAULT_BODY_LIMIT);

const megabytes = (bytes: number, locale: Locale) =>
  `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} ${locale === 'fr' ? 'Mo' : 'MB'}`;

/**
 * What reading a body over the limit fails with: for a page, SvelteKit's HttpError (its action then renders the
 * error page with 413); for the API, an Error with status 413, as the Node adapter's own limit gives.
 */
function tooLarge(message: string, api: boolean): unknown {
  if (api) return Object.assign(new Error(message), { status: 413 });
  try {
    error(413, { message, code: 'upload_too_large' });
  } catch (httpError) {
    return httpError;
  }
}

/**
 * Refuses a body over its route's limit, in the person's language: the API answers 413 problem+json at once;
 * a page's form gets a body that fails when read (a declared length over the limit), or once the bytes
 * streamed pass it (no declared length), so its action stops with a 413 error page. Within the limit: null.
 */
export function limitBody(event: { request: Request; url: URL }, locale: Locale): Response | null {
  const { request } = event;
  if (!request.body) return null;
  const limit = bodyLimitOf(event.url.pathname);
  const message = translate('error_upload_too_large', { max: megabytes(limit, locale) }, locale);
  const api = event.url.pathname.startsWith('/api/');
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    if (api) {
      const problem = { type: 'about:blank', title: translate('status_413', {}, locale), status: 413, code: 'upload_too_large', detail: message };
      return Response.json(problem, { status: 413, headers: { 'content-type': 'application/problem+json' } });
    }
    const refused = new ReadableStream<Uint8Array>({ start: (controller) => controller.error(tooLarge(message, false)) });
    event.request = new Request(request, { body: refused, duplex: 'half' } as RequestInit);
    return null;
  }
  if (Number.isFinite(declared)) return null; // the adapter holds the body to its declared length
  let received = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) controller.error(tooLarge(message, api));
        else controller.enqueue(chunk);
      },
    }),
  );
  event.request = new Request(request, { body: counted, duplex: 'half' } as RequestInit);
  return null;
}
