import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build', precompress: true }),
    version: { name: version },
    // Forms post from our own pages only. hooks.server.ts refuses cross-origin form posts itself (the same
    // rule as SvelteKit's) so that the refusal speaks the person's language and keeps the page.
    csrf: { trustedOrigins: ['*'] },
    // Every page: no inline script but SvelteKit's own (a nonce per response, hashes for prerendered pages),
    // no inline style, never framed. Map tiles come from the IGN Géoplateforme; Leaflet draws with data: and
    // blob: images; hooks.server.ts adds the host of another PUBLIC_MAP_TILE_URL, and a closed policy to
    // every answer that is not a page (API, files).
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // The one inline style attribute: SvelteKit's route announcer for screen readers (its exact text; the
        // browser test of the policy fails if a SvelteKit update changes it).
        'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'img-src': ['self', 'data:', 'blob:', 'https://data.geopf.fr'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};
