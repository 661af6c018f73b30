import { resolve } from 'node:path';

/** Settings read from the environment; the README lists them. */
export interface Config {
  databaseUrl?: string;
  dataDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.MAILLAGE_DATA_DIR || 'data'),
  };
}
