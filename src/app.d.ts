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
      pageStatus?: 400 | 403 | 404 | 413;
      /**
       * A form post refused before its action ran (from another origin, or too large), in the person's language:
       * the page is shown again with it above (hooks.server.ts).
       */
      formRefusal?: { code: string; message: string };
      /** A page's schema.org JSON-LD, already escaped for a data block: hooks.server.ts writes it into <head>. */
      jsonLd?: string;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
