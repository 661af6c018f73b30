import { getRequestEvent } from '$app/server';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import { sql } from 'drizzle-orm';
import { startRuntime, type Runtime } from './runtime.ts';
import { readConfig } from './config.ts';
import { log as logger } from './log.ts';
import { scheduleReminders } from './events/index.ts';
import { controlSocketPath, createMetrics, scheduleDailyBackups, startControlServer } from './operations/index.ts';

// One database per process, opened when the server starts (hooks `init`) and shared by every request.
let started: Promise<Runtime> | undefined;
/** The runtime once started (migrations done): readiness and metrics read it without waiting. */
let ready: Runtime | undefined;
let stopControl: (() => Promise<void>) | undefined;
let stopBackups: (() => void) | undefined;
let stopDelivery: (() => Promise<void>) | undefined;
let stopReminders: (() => void) | undefined;

export function appRuntime(): Promise<Runtime> {
  // better-auth calls made by form actions set their cookies through SvelteKit's `cookies`.
  started ??= (async () => {
    const config = readConfig();
    const log = (line: string) => logger.info(line);
    const runtime = await startRuntime(config, log, [sveltekitCookies(getRequestEvent)]);
    // The embedded database is this process's alone: `maillage db status` and `db backup` ask through this socket.
    if (runtime.database.engine === 'pglite') {
      stopControl = await startControlServer(controlSocketPath(config.dataDir), runtime.database);
      if (config.backupDir) stopBackups = scheduleDailyBackups(config.backupDir, config.backupKeep, log);
    } else if (config.backupDir) log('MAILLAGE_BACKUP_DIR is ignored on PostgreSQL: back it up with its own tools (see the README)');
    // With SMTP, this process also delivers the outbox (retries, and messages written by the CLI).
    stopDelivery = runtime.accounts.mailer.startDelivery();
    // Event reminders are claimed in the database: every process ticks, each reminder goes out once.
    stopReminders = scheduleReminders(runtime.database.db, runtime.accounts.mailer, log);
    ready = runtime;
    return runtime;
  })();
  return started;
}

export async function stopRuntime(): Promise<void> {
  if (!started) return;
  const runtime = await started;
  started = undefined;
  ready = undefined;
  stopBackups?.();
  await stopDelivery?.();
  stopReminders?.();
  await stopControl?.();
  await runtime.database.close();
}

/** This process's metrics (GET /metrics). */
export const metrics = createMetrics(() => ready?.database);

/** Ready to serve: started (migrations applied) and the database answering within two seconds. */
export async function readiness(): Promise<{ ready: true } | { ready: false; reason: string }> {
  if (!ready) return { ready: false, reason: 'starting: migrations and reference data' };
  const database = ready.database;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      database.db.execute(sql`select 1`),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer within 2 s')), 2000))),
    ]);
    return { ready: true };
  } catch (error) {
    return { ready: false, reason: `database unreachable: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}
