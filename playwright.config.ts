import { defineConfig, devices } from '@playwright/test';

// Browser and HTTP API tests. `npx playwright test` builds the app when needed (scripts/start.js), starts it
// on a fresh PGlite data directory, or on PostgreSQL when E2E_DATABASE_URL is set, and runs tests/e2e.
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = `tmp/e2e-data-${port}`;
/** On PostgreSQL, a second app process on the same database: sessions and rate limits must hold across both. */
const databaseUrl = process.env.E2E_DATABASE_URL ?? '';
export const SECOND_PROCESS_URL = databaseUrl ? `http://127.0.0.1:${port + 100}` : null;
/** The newcomer's app holds port 3000: E2E_NEWCOMER=off leaves it out (and its spec) when several checkouts test at once. */
const newcomer = !SECOND_PROCESS_URL && process.env.E2E_NEWCOMER !== 'off';

/** Where an app process started for the tests writes its log (scanned by scripts/test.js). */
const serverLog = (serverPort: number) => `tmp/server-${serverPort}.log`;

const serverEnv = (serverPort: number) => ({
  PORT: String(serverPort),
  HOST: '127.0.0.1',
  // No ORIGIN: the app must work at the address the browser uses, as it does for anyone who starts it.
  MAILLAGE_DATA_DIR: dataDir,
  // Empty means PGlite (see src/lib/server/config.ts): an outer DATABASE_URL must not leak in.
  DATABASE_URL: databaseUrl,
  SHUTDOWN_TIMEOUT: '1',
  // Every test comes from 127.0.0.1: per-address limits are raised; per-e-mail limits stay as in production.
  MAILLAGE_IP_RATE_LIMIT_FACTOR: '50',
});

const chromium = {
  ...devices['Desktop Chrome'],
  // Debian's Chromium: no browser download here.
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tmp/playwright-results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Journeys sign in several times (password hashing is slow on purpose) on two-core machines: measured up to
  // 32 s for the longest when the machine is busy, so 30 s was a flake, not a limit the product should meet.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'tmp/playwright-report.json' }]],
  use: {
    baseURL,
    // The browser asks for French, as most visitors will; tests about English say so explicitly.
    locale: 'fr-FR',
    // Traces cost seconds a test on a small machine: E2E_TRACE=1 to keep them for failures.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'chromium', use: chromium },
    // No-JavaScript journeys: only the tests tagged @nojs.
    { name: 'no-js', grep: /@nojs/, use: { ...chromium, javaScriptEnabled: false } },
  ],
  // On PostgreSQL, what the engine can change is run again: the HTTP API and security specs (constraints,
  // concurrency, idempotency, sessions and rate limits held in the database, shared by two processes). The
  // pages render the same on both engines, and the domain tests (vitest) run everything on both, so the page
  // journeys run once, on PGlite: that keeps the whole suite within its time budget.
  testMatch: SECOND_PROCESS_URL ? ['**/api*.spec.ts', '**/security.spec.ts', '**/multi-process.spec.ts'] : '**/*.spec.ts',
  // The multi-process spec needs the second process, which only PostgreSQL allows.
  testIgnore: [...(SECOND_PROCESS_URL ? [] : ['**/multi-process.spec.ts']), ...(newcomer || SECOND_PROCESS_URL ? [] : ['**/newcomer.spec.ts'])],
  webServer: [
    {
      // Demo data first (places, accounts), then the server, on the same database.
      // The server's log goes to a file (tmp/server-PORT.log) that `npm test` scans for secrets after the run;
      // the seed's own output (the demo accounts and their password, printed on purpose) to another.
      command: `rm -rf ${dataDir} && node bin/maillage.js demo seed > tmp/seed-${port}.txt 2>&1 && node scripts/start.js >> ${serverLog(port)} 2>&1`,
      url: `${baseURL}/api/v1/health`,
      timeout: 360_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      env: serverEnv(port),
    },
    // The newcomer's app (tests/e2e/newcomer.spec.ts): the README's `npm run demo` with no variable at all, at
    // http://localhost:3000, on the build the first server made.
    ...(!newcomer
      ? []
      : [
          {
            // `npm run demo` prints the demo accounts with their password on purpose: not a server log to scan.
            command: 'sh tests/e2e/newcomer-server.sh > tmp/newcomer.log 2>&1',
            url: 'http://localhost:3000/api/v1/health',
            timeout: 360_000,
            reuseExistingServer: false,
            stdout: 'pipe' as const,
            stderr: 'pipe' as const,
            gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
          },
        ]),
    // Started after the first one is up (Playwright starts web servers in order), on the build it made.
    ...(SECOND_PROCESS_URL
      ? [
          {
            command: `node scripts/start.js >> ${serverLog(port + 100)} 2>&1`,
            url: `${SECOND_PROCESS_URL}/api/v1/health`,
            timeout: 360_000,
            reuseExistingServer: false,
            stdout: 'pipe' as const,
            stderr: 'pipe' as const,
            gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
            env: serverEnv(port + 100),
          },
        ]
      : []),
  ],
});
