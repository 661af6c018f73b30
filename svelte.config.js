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
  },
};
