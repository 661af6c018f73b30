import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/index.ts';
import { loadTerritory } from '../../src/lib/server/territory/index.ts';
import { databaseUrl, testEngine, testServerUrl } from './engine.ts';
import { ensureMessages } from '../../scripts/ensure-messages.js';

/**
 * Migrates and loads the territory once per run, then lets every test file clone it: a PGlite
 * data-directory snapshot, or a PostgreSQL template database.
 */
export default async function setup(project: TestProject) {
  // Domain code renders e-mails with the compiled catalogue.
  ensureMessages();
  const engine = testEngine();
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide('testRunId', runId);
  if (engine === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    await loadTerritory(database.db);
    const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    const snapshot = await client.dumpDataDir('none');
    await database.close();
    mkdirSync('tmp', { recursive: true });
    const path = resolve(`tmp/test-snapshot-${runId}.tar`);
    writeFileSync(path, Buffer.from(await snapshot.arrayBuffer()));
    project.provide('pgliteSnapshot', path);
    return async () => {
      const { rmSync } = await import('node:fs');
      rmSync(path, { force: true });
    };
  }
  const template = `maillage_test_${runId}_template`;
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const database = await openDatabase({ databaseUrl: databaseUrl(template) });
  await migrateDatabase(database);
  await loadTerritory(database.db);
  await database.close();
  project.provide('pgTemplate', template);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`maillage_test_${runId}_%`],
    );
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
    pgliteSnapshot: string;
    pgTemplate: string;
  }
}
