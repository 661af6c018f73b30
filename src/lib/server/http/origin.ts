// Which form posts the app accepts. SvelteKit's own check answers a bare English "Cross-site POST form
// submissions are forbidden"; ours refuses the same requests but lets the page say why in the person's
// language (hooks.server.ts), and tells the operator when a missing ORIGIN is the likely cause.

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The content types a cross-site HTML form can send without a preflight. */
export function isFormContentType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === '' ? false : FORM_TYPES.includes(type);
}

export type FormOrigin = 'same-origin' | 'cross-site' | 'scheme-mismatch';

/**
 * Whether a write with a form content type comes from one of our own pages: its `Origin` must be the
 * app's origin (from ORIGIN, or from the request as the server received it). Requests that are not
 * form writes are 'same-origin' here: JSON writes are guarded by their content type (json-only.ts).
 * 'scheme-mismatch': same host, other scheme — a proxy terminating HTTPS in front of an instance whose
 * ORIGIN is unset; refused like any cross-site post, but worth a line in the log.
 */
export function formOrigin(method: string, headers: Headers, appOrigin: string): FormOrigin {
  if (!WRITES.has(method.toUpperCase()) || !isFormContentType(headers.get('content-type'))) return 'same-origin';
  const origin = headers.get('origin');
  if (origin === appOrigin) return 'same-origin';
  if (origin) {
    try {
      if (new URL(origin).host === new URL(appOrigin).host) return 'scheme-mismatch';
    } catch {
      // `Origin: null` (sandboxed frames, some redirects) and malformed values are simply foreign.
    }
  }
  return 'cross-site';
}
