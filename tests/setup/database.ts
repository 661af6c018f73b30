import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db/index.ts';
import { databaseUrl, testEngine, testServerUrl } from './engine.ts';

let counter = 0;

/** A database of its own for one test file: migrated, with the full territory loaded. */
export async function createTestDatabase(options: { dataDir?: string } = {}): Promise<Database> {
  if (testEngine() === 'pglite') {
    const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
    return openDatabase({ dataDir: options.dataDir ?? 'memory://', loadDataDir: snapshot });
  }
  const name = `maillage_test_${inject('testRunId')}_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  } finally {
    await admin.end();
  }
  return openDatabase({ databaseUrl: databaseUrl(name), poolSize: 4 });
}
