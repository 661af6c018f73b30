import { getRequestEvent } from '$app/server';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import { startRuntime, type Runtime } from './runtime.ts';
import { readConfig } from './config.ts';
import { controlSocketPath, startControlServer } from './operations/index.ts';

// One database per process, opened when the server starts (hooks `init`) and shared by every request.
let started: Promise<Runtime> | undefined;
let stopControl: (() => Promise<void>) | undefined;

export function appRuntime(): Promise<Runtime> {
  // better-auth calls made by form actions set their cookies through SvelteKit's `cookies`.
  started ??= (async () => {
    const config = readConfig();
    const runtime = await startRuntime(config, (line) => console.log(`[maillage] ${line}`), [sveltekitCookies(getRequestEvent)]);
    // The embedded database is this process's alone: `maillage db status` and `db backup` ask through this socket.
    if (runtime.database.engine === 'pglite') stopControl = await startControlServer(controlSocketPath(config.dataDir), runtime.database);
    return runtime;
  })();
  return started;
}

export async function stopRuntime(): Promise<void> {
  if (!started) return;
  const runtime = await started;
  started = undefined;
  await stopControl?.();
  await runtime.database.close();
}
