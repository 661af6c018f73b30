import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { embeddedDataDir, type Config } from '../config.ts';
import { DataDirLockedError, openDatabase, type Database } from '../db/index.ts';
import { writeBackup, type BackupSummary } from './backup.ts';
import { controlSocketPath, remoteSnapshot, remoteStatus } from './control.ts';
import { BackupRefusedError } from './restore.ts';
import { databaseStatus, type DatabaseStatus } from './status.ts';

export { BACKUP_FORMAT, type BackupSummary } from './backup.ts';
export { controlSocketPath, startControlServer } from './control.ts';
export { createMetrics, metricsAuthorized, type Metrics } from './metrics.ts';
export { moveTo, MoveRefusedError, type MoveReport } from './move.ts';
export { BackupRefusedError, inspectBackup, restoreBackup, type RestoreReport } from './restore.ts';
export { backupDue, backupFileName, dailyBackups, pruneBackups, scheduleDailyBackups } from './schedule.ts';
export { databaseStatus, formatBytes, statusLines, type DatabaseStatus } from './status.ts';

function embeddedOnly(config: Config, what: string): string {
  if (config.databaseUrl) {
    throw new BackupRefusedError(
      `DATABASE_URL is set: ${what} a PostgreSQL server with its own tools (pg_dump, or base backups with WAL archiving; see the README)`,
    );
  }
  const dataDir = embeddedDataDir(config);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new BackupRefusedError(`there is no embedded database in ${dataDir} (MAILLAGE_DATA_DIR)`);
  return dataDir;
}

/** Opens the configured database without migrating it; undefined when a running server holds the embedded one. */
async function openIfFree(config: Config, dataDir?: string): Promise<Database | undefined> {
  try {
    return await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: dataDir ?? embeddedDataDir(config) });
  } catch (error) {
    if (error instanceof DataDirLockedError) return undefined;
    throw error;
  }
}

/** The database status, asked of the running server when it holds the embedded database. */
export async function statusOf(config: Config): Promise<DatabaseStatus & { via: 'direct' | 'running server' }> {
  if (!config.databaseUrl && !existsSync(join(embeddedDataDir(config), 'PG_VERSION'))) {
    throw new BackupRefusedError(`there is no embedded database in ${embeddedDataDir(config)} yet: it is created at the first start (or by \`maillage db migrate\`)`);
  }
  const database = await openIfFree(config);
  if (!database) return { ...(await remoteStatus(controlSocketPath(config.dataDir))), via: 'running server' };
  try {
    return { ...(await databaseStatus(database)), via: 'direct' };
  } finally {
    await database.close();
  }
}

/**
 * Backs up the embedded database to `file`: directly when no process holds it, else from a snapshot the
 * running server hands over (it keeps serving; the conversion to SQL runs here, in this process).
 * The file appears under its name only once complete.
 */
export async function takeBackup(config: Config, file: string, log: (line: string) => void = () => {}): Promise<BackupSummary & { via: 'direct' | 'running server' }> {
  const dataDir = embeddedOnly(config, 'back up');
  if (existsSync(file)) throw new BackupRefusedError(`${file} already exists: choose another name`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const direct = await openIfFree(config, dataDir);
  let database = direct;
  let scratch: string | undefined;
  try {
    if (!database) {
      log('a server holds the database: asking it for a snapshot');
      const snapshot = await remoteSnapshot(controlSocketPath(config.dataDir));
      scratch = dirname(snapshot);
      database = await openDatabase({ dataDir: snapshot });
    }
    const summary = await writeBackup(database, partial);
    renameSync(partial, file);
    return { ...summary, via: direct ? 'direct' : 'running server' };
  } finally {
    await database?.close();
    rmSync(partial, { force: true });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

