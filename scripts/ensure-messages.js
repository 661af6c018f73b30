// Compiles the message catalogue when src/lib/paraglide is missing or older than messages/*.json: the
// command line and the tests run domain code (e-mail templates) without a Vite build having done it.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);

export function ensureMessages() {
  const compiled = new URL('src/lib/paraglide/messages.js', root);
  const newest = Math.max(...['fr', 'en'].map((locale) => statSync(new URL(`messages/${locale}.json`, root)).mtimeMs));
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= newest) return;
  // In a child that exits when done: the inlang SDK leaves work pending that keeps a process alive for half a minute.
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('scripts/compile-messages.js', root))], {
    stdio: 'inherit',
    cwd: fileURLToPath(root),
  });
  if (result.status !== 0) throw new Error('Could not compile the message catalogue');
}
