import { globSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Domain and database tests. TEST_DB=pglite (default) or postgresql; each test file gets its own database.
const everyTest = ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'];
/** What opens a database, directly or through the test factories. */
const opensDatabase = /createTestDatabase|testAccounts|openDatabase|testEngine|TEST_DB|tests\/factories|tests\/setup\/database/;
// On PostgreSQL, the files that open a database: the others (pure models, the solver, the catalogue…) do not
// depend on the engine and ran on PGlite already.
const include =
  process.env.TEST_DB === 'postgresql' ? everyTest.flatMap((pattern) => globSync(pattern)).filter((file) => opensDatabase.test(readFileSync(file, 'utf8'))) : everyTest;

export default defineConfig({
  // Code that speaks to people (i18n.ts) reads the compiled catalogue through SvelteKit's `$lib`.
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  test: {
    include,
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
