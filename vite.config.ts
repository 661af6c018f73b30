import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // French by default; a chosen language is kept in a cookie; otherwise Accept-Language decides.
      strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
      cookieName: 'maillage_lang',
    }),
    sveltekit(),
  ],
  server: { fs: { allow: ['drizzle'] } },
});
