import type { Locale } from '$lib/i18n';
import type { Actor } from '$lib/server/accounts';
import type { Runtime } from '$lib/server/runtime';

declare global {
  namespace App {
    interface Locals {
      locale: Locale;
      runtime: Runtime;
      /** Who is acting (from the session cookie); every domain call that checks access receives it. */
      actor: Actor;
      /** The request's headers as better-auth must see them (session cookie, client address, language). */
      authHeaders: Headers;
      /** Set by a page that shows a refusal in place of its results: the status the HTML answer gets (e.g. 400). */
      pageStatus?: 400 | 403 | 404;
      /** A form posted from another origin was refused; the page is shown with the refusal (hooks.server.ts). */
      formRefused?: boolean;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
