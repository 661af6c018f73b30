import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { photoVariantBytes } from '$lib/server/places';

/** A photo at one width. The URL names the bytes (their hash): cached for a year, never revalidated. */
export const GET = async ({ params, locals, request }) => {
  const hash = params.hash.toLowerCase();
  const tag = `"${hash}"`;
  const headers = { 'cache-control': 'public, max-age=31536000, immutable', etag: tag };
  if (/^[0-9a-f]{32}$/.test(hash) && request.headers.get('if-none-match')?.split(/\s*,\s*/).includes(tag)) {
    return new Response(null, { status: 304, headers });
  }
  const bytes = /^[0-9a-f]{32}$/.test(hash) && /^\d{1,5}$/.test(params.width)
    ? await photoVariantBytes(locals.runtime.database.db, params.id, Number(params.width), hash)
    : null;
  if (!bytes) error(404, { message: translate('error_not_found', {}, locals.locale) });
  return new Response(new Uint8Array(bytes), {
    headers: { ...headers, 'content-type': 'image/webp', 'content-length': String(bytes.length), 'x-content-type-options': 'nosniff' },
  });
};
