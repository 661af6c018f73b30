import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { safeReturnPath } from '$lib/server/http/return-path';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** The language switch: a plain GET form, so it works without JavaScript. */
export const GET = ({ url, cookies }) => {
  const lang = url.searchParams.get('lang');
  if (isLocale(lang)) {
    cookies.set('maillage_lang', lang, { path: '/', maxAge: ONE_YEAR, httpOnly: false, sameSite: 'lax' });
  }
  redirect(303, safeReturnPath(url.searchParams.get('to'), url.origin, '/'));
};
