import { error } from '@sveltejs/kit';
import { translate, type Locale } from '../../i18n.ts';
import { tooLarge } from '../errors.ts';
import { problemResponse } from './problem.ts';

// The Node adapter refuses bodies over BODY_SIZE_LIMIT (default 512K) on every route, in bare English text.
// `npm start` lifts it unless set (scripts/start.js): this check holds each route to its own limit instead,
// 1 MB except for photo uploads, and refuses in the person's language with one code, `body_too_large`.

/** A megabyte: limits are whole megabytes, said the same way in every language. */
const MEGABYTE = 1024 * 1024;
/** What any request body may weigh. */
export const DEFAULT_BODY_LIMIT = MEGABYTE;
/** A photo upload: the 10 MB file with its form fields (alt texts). */
export const PHOTO_BODY_LIMIT = 11 * MEGABYTE;

/** The photo uploads: the management page's actions and the API's POST. */
const PHOTO_UPLOAD = /^\/(lieux\/[^/]+\/photos|api\/v1\/places\/[^/]+\/photos)\/?$/;

const bodyLimitOf = (pathname: string) => (PHOTO_UPLOAD.test(pathname) ? PHOTO_BODY_LIMIT : DEFAULT_BODY_LIMIT);

/** The one refusal of a body over its route's limit, for the API and for pages alike. */
export const bodyTooLarge = (pathname: string) => tooLarge(bodyLimitOf(pathname) / MEGABYTE);

/** The refusal of a body whose declared length is over its route's limit; null within it or when undeclared. */
export function declaredOverLimit(request: Request, pathname: string) {
  return Number(request.headers.get('content-length') ?? NaN) > bodyLimitOf(pathname) ? bodyTooLarge(pathname) : null;
}

/**
 * What reading a body over the limit fails with: for the API, the domain's refusal (the route answers it as a
 * 413 problem); for a page, SvelteKit's HttpError (its action then renders the error page with 413).
 */
function refusal(pathname: string, locale: Locale, api: boolean): unknown {
  const refused = bodyTooLarge(pathname);
  if (api) return refused;
  try {
    error(413, { message: translate(`error_${refused.code}`, refused.params, locale), code: refused.code });
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
  const { pathname } = event.url;
  const limit = bodyLimitOf(pathname);
  const api = pathname.startsWith('/api/');
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    if (api) return problemResponse(bodyTooLarge(pathname), locale);
    const refused = new ReadableStream<Uint8Array>({ start: (controller) => controller.error(refusal(pathname, locale, false)) });
    event.request = new Request(request, { body: refused, duplex: 'half' } as RequestInit);
    return null;
  }
  if (Number.isFinite(declared)) return null; // the adapter holds the body to its declared length
  let received = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) controller.error(refusal(pathname, locale, api));
        else controller.enqueue(chunk);
      },
    }),
  );
  event.request = new Request(request, { body: counted, duplex: 'half' } as RequestInit);
  return null;
}
