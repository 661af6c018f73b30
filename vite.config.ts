import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';
import { paraglideOptions } from './paraglide.config.js';

export default defineConfig({
  plugins: [paraglideVitePlugin(paraglideOptions as Parameters<typeof paraglideVitePlugin>[0]), sveltekit()],
  server: { fs: { allow: ['drizzle'] } },
});
