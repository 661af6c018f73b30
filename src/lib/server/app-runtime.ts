import { getRequestEvent } from '$app/server';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import { startRuntime, type Runtime } from './runtime.ts';
import { readConfig } from './config.ts';

// One database per process, opened when the server starts (hooks `init`) and shared by every request.
let started: Promise<Runtime> | undefined;

export function appRuntime(): Promise<Runtime> {
  // better-auth calls made by form actions set their cookies through SvelteKit's `cookies`.
  started ??= startRuntime(readConfig(), (line) => console.log(`[maillage] ${line}`), [sveltekitCookies(getRequestEvent)]);
  return started;
}

export async function stopRuntime(): Promise<void> {
  if (!started) return;
  const runtime = await started;
  started = undefined;
  await runtime.database.close();
}
