import { defineCustomClientStrategy } from '$lib/paraglide/runtime.js';

// The page's language is the one the server rendered it in (<html lang>), never one the browser works out
// again: the server already weighed the language cookie and Accept-Language, and a script that decided
// otherwise would store its own guess in the language cookie for every next page. Changing the language
// goes through /langue.
defineCustomClientStrategy('custom-page', {
  getLocale: () => document.documentElement.lang || undefined,
  setLocale: () => {},
});
