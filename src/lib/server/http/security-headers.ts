/** On every answer that goes through the app: pages, API, errors, redirects. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** For an answer that is not a page (JSON, CSV, calendar, redirect): nothing in it may load, run or be framed. */
export const CLOSED_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The page policy (svelte.config.js) with the tile server of PUBLIC_MAP_TILE_URL allowed as an image source
 * when it is another one (`{s}` subdomains become a `*`); a URL it cannot read leaves the policy as it is.
 */
export function withTileSource(policy: string, tileUrl: string | undefined): string {
  const source = /^https?:\/\/[^/?#]+/i.exec(tileUrl ?? '')?.[0]?.replace('{s}', '*');
  if (!source || /[^\w.:/*-]/.test(source) || policy.includes(` ${source}`)) return policy;
  return policy.replace(/(^|;\s*)img-src /, `$1img-src ${source} `);
}

/** The response with the security headers; SvelteKit's own policy kept on pages, the closed one elsewhere. */
export function secured(response: Response, tileUrl: string | undefined): Response {
  let headers: Headers;
  try {
    headers = response.headers;
    headers.set('x-content-type-options', SECURITY_HEADERS['x-content-type-options']!);
  } catch {
    // Headers of a Response.redirect() or a fetched response are immutable: copy them.
    response = new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
    headers = response.headers;
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  const policy = headers.get('content-security-policy');
  headers.set('content-security-policy', policy ? withTileSource(policy, tileUrl) : CLOSED_POLICY);
  return response;
}
