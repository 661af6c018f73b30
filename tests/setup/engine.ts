export type TestEngine = 'pglite' | 'postgresql';

export function testEngine(): TestEngine {
  const engine = process.env.TEST_DB ?? 'pglite';
  if (engine !== 'pglite' && engine !== 'postgresql') throw new Error(`TEST_DB must be pglite or postgresql, not ${engine}`);
  return engine;
}

/** The PostgreSQL server tests use: a maintenance database on which they create their own. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
