import { getRequestEvent } from '$app/server';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import { startRuntime, type Runtime } from './runtime.ts';
import { readConfig } from './config.ts';
import { controlSocketPath, scheduleDailyBackups, startControlServer } from './operations/index.ts';

// One database per process, opened when the server starts (hooks `init`) and shared by every request.
let started: Promise<Runtime> | undefined;
let stopControl: (() => Promise<void>) | undefined;
let stopBackups: (() => void) | undefined;

export function appRuntime(): Promise<Runtime> {
  // better-auth calls made by form actions set their cookies through SvelteKit's `cookies`.
  started ??= (async () => {
    const config = readConfig();
    const log = (line: string) => console.log(`[maillage] ${line}`);
    const runtime = await startRuntime(config, log, [sveltekitCookies(getRequestEvent)]);
    // The embedded database is this process's alone: `maillage db status` and `db backup` ask through this socket.
    if (runtime.database.engine === 'pglite') {
      stopControl = await startControlServer(controlSocketPath(config.dataDir), runtime.database);
      if (config.backupDir) stopBackups = scheduleDailyBackups(config.backupDir, config.backupKeep, log);
    } else if (config.backupDir) log('MAILLAGE_BACKUP_DIR is ignored on PostgreSQL: back it up with its own tools (see the README)');
    return runtime;
  })();
  return started;
}

export async function stopRuntime(): Promise<void> {
  if (!started) return;
  const runtime = await started;
  started = undefined;
  stopBackups?.();
  await stopControl?.();
  await runtime.database.close();
}
