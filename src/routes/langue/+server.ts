import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** The language switch: a plain GET form, so it works without JavaScript. */
export const GET = ({ url, cookies }) => {
  const lang = url.searchParams.get('lang');
  const to = url.searchParams.get('to') ?? '/';
  if (isLocale(lang)) {
    cookies.set('maillage_lang', lang, { path: '/', maxAge: ONE_YEAR, httpOnly: false, sameSite: 'lax' });
  }
  // Back to a page of this site only, never an open redirect (`//host`, `/\host` resolve elsewhere).
  const target = new URL(to, url);
  redirect(303, target.origin === url.origin ? target.pathname + target.search : '/');
};
