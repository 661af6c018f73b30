#!/usr/bin/env node
// `npm test`: every test, on both engines. Domain and database tests (vitest) run on embedded PGlite,
// then on PostgreSQL; the browser and API tests (Playwright, Debian's Chromium) run against the built
// app on PGlite, and the API and security specs again on PostgreSQL with two app processes (see
// playwright.config.ts). Prints one closing line `N passed, N failed` for the whole run.
//
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), a server where
// the tests may create and drop databases. Without a reachable server the PostgreSQL runs are counted
// as failed, unless MAILLAGE_TEST_ENGINES=pglite is set on purpose.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import { scanServerLogs } from './log-scan.js';

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const engines = (process.env.MAILLAGE_TEST_ENGINES ?? 'pglite,postgresql').split(',');
const suites = (process.env.MAILLAGE_TEST_SUITES ?? 'unit,e2e').split(',');
const totals = { passed: 0, failed: 0, skipped: 0 };
mkdirSync('tmp', { recursive: true });

function run(label, command, args, env) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return result.status ?? 1;
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

/** Adds a runner's counts; a runner that failed without a report counts as one failure. */
function count(label, status, counts) {
  if (!counts) {
    console.log(`${label}: no report`);
    totals.failed += 1;
    return;
  }
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

/** A step that passes or fails as a whole counts as one test. */
function step(label, args) {
  const status = run(label, process.execPath, args);
  count(label, status, { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

/** The last lines each test server wrote, for a run that failed (the logs go to files, not to the console). */
function showServerLogTails() {
  for (const name of readdirSync('tmp').filter((file) => /^server-\d+\.log$/.test(file))) {
    const lines = readFileSync(`tmp/${name}`, 'utf8').trimEnd().split('\n');
    console.log(`\n--- last lines of tmp/${name} ---\n${lines.slice(-25).join('\n')}`);
  }
}

/** The servers' logs hold no e-mail address, password or token (issue: a log line never contains one). One test. */
function scanLogs(label) {
  const { files, lines, findings } = scanServerLogs();
  console.log(`\n=== ${label}: ${lines} lines in ${files.length} files, ${findings.length} findings ===`);
  for (const finding of findings.slice(0, 20)) console.log(`${finding.file}:${finding.line} ${finding.reasons.join(', ')}: ${finding.text}`);
  const ok = files.length > 0 && lines > 0 && findings.length === 0;
  count(label, ok ? 0 : 1, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

async function serverReachable() {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    console.log(`PostgreSQL not reachable at ${serverUrl}: ${error.message}`);
    return false;
  }
}

async function withDatabase(name, run) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

// The build also generates what the type check reads (.svelte-kit/, the compiled message catalogue).
step('build', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
step('type check', ['node_modules/svelte-check/bin/svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']);

for (const engine of engines) {
  if (engine === 'postgresql' && !(await serverReachable())) {
    totals.failed += 1;
    continue;
  }
  if (suites.includes('unit')) {
    const report = `tmp/vitest-${engine}.json`;
    rmSync(report, { force: true });
    const status = run(`domain and database tests on ${engine}`, process.execPath, ['node_modules/vitest/vitest.mjs', 'run'], {
      TEST_DB: engine,
      TEST_DATABASE_URL: serverUrl,
    });
    const json = readJson(report);
    count(`vitest ${engine}`, status, json && {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    });
  }
  if (suites.includes('e2e')) {
    const e2e = async (databaseUrl) => {
      const report = 'tmp/playwright-report.json';
      rmSync(report, { force: true });
      for (const name of readdirSync('tmp').filter((file) => /^server-\d+\.log$/.test(file))) rmSync(`tmp/${name}`);
      const status = run(`browser and API tests on ${engine}`, process.execPath, ['node_modules/@playwright/test/cli.js', 'test'], {
        E2E_DATABASE_URL: databaseUrl ?? '',
        E2E_PORT: engine === 'pglite' ? '4173' : '4174',
      });
      const json = readJson(report);
      count(`playwright ${engine}`, status, json && {
        passed: json.stats.expected + (json.stats.flaky ?? 0),
        failed: json.stats.unexpected,
        skipped: json.stats.skipped,
      });
      if (status !== 0) showServerLogTails();
      scanLogs(`log scan after the browser and API tests on ${engine}`);
    };
    if (engine === 'postgresql') await withDatabase(`maillage_e2e_${process.pid}`, e2e);
    else await e2e(undefined);
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
