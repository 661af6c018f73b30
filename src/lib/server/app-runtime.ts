import { startRuntime, type Runtime } from './runtime.ts';

// One database per process, opened when the server starts (hooks `init`) and shared by every request.
let started: Promise<Runtime> | undefined;

export function appRuntime(): Promise<Runtime> {
  started ??= startRuntime(undefined, (line) => console.log(`[maillage] ${line}`));
  return started;
}

export async function stopRuntime(): Promise<void> {
  if (!started) return;
  const runtime = await started;
  started = undefined;
  await runtime.database.close();
}
