// Paraglide's options, shared by the Vite build, the tests and the command line (which compiles the
// catalogue itself when it runs before any build).
export const paraglideOptions = {
  project: './project.inlang',
  outdir: './src/lib/paraglide',
  // French by default; a chosen language is kept in a cookie; otherwise Accept-Language decides. In the
  // browser, the language the server rendered the page in comes first (src/hooks.client.ts).
  strategy: ['custom-page', 'cookie', 'preferredLanguage', 'baseLocale'],
  cookieName: 'maillage_lang',
};
