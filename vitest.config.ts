import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Domain and database tests. TEST_DB=pglite (default) or postgresql; each test file gets its own database.
export default defineConfig({
  // Code shared with pages (src/lib/i18n.ts) imports the compiled catalogue as SvelteKit's `$lib`.
  resolve: { alias: { $lib: fileURLToPath(new URL('src/lib', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    globalSetup: ['tests/setup/global.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // A worker imports the modules once for all its files (a third of the run's time when each file imported
    // them again). Files still get a database of their own; module-level state is limited to caches that are
    // pure functions of their key, so no file sees another's data.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: `tmp/vitest-${process.env.TEST_DB ?? 'pglite'}.json` }]],
  },
});
