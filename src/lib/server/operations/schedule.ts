import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Backups the server takes itself are named so that their names sort by time. */
const DAILY = /^maillage-\d{8}-\d{6}\.sql$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const CHECK_EVERY_MS = 60 * 60 * 1000;

export const backupFileName = (at: Date): string => `maillage-${at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.sql`;

/** The daily backups in `dir`, oldest first. */
export function dailyBackups(dir: string): string[] {
  return readdirSync(dir).filter((name) => DAILY.test(name)).sort();
}

/** Removes all but the newest `keep` daily backups; returns the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const removed = dailyBackups(dir).slice(0, Math.max(0, dailyBackups(dir).length - keep));
  for (const name of removed) rmSync(join(dir, name));
  return removed;
}

/** Whether the newest daily backup is a day old or more (or there is none). */
export function backupDue(dir: string, now = Date.now()): boolean {
  const newest = dailyBackups(dir).at(-1);
  return !newest || now - statSync(join(dir, newest)).mtimeMs >= DAY_MS;
}

/**
 * Daily backups by the server (MAILLAGE_BACKUP_DIR, keeping MAILLAGE_BACKUP_KEEP): every hour it checks
 * whether the newest is a day old, and if so runs `maillage db backup` in a child process, which asks this
 * server for a snapshot through its control socket. The conversion to SQL runs in the child, so requests
 * are not held up by it. Returns the stop function.
 */
export function scheduleDailyBackups(dir: string, keep: number, log: (line: string) => void): () => void {
  mkdirSync(dir, { recursive: true });
  let running = false;
  const check = () => {
    if (running || !backupDue(dir)) return;
    running = true;
    const file = join(dir, backupFileName(new Date()));
    const child = spawn(process.execPath, [resolve('bin/maillage.js'), 'db', 'backup', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('close', (code) => {
      running = false;
      if (code !== 0) return log(`daily backup failed (exit ${code}): ${output.trim().split('\n').at(-1) ?? ''}`);
      log(`daily backup: ${output.trim().split('\n').at(-1)}`);
      const removed = pruneBackups(dir, keep);
      if (removed.length) log(`daily backup: removed ${removed.join(', ')} (keeping the last ${keep})`);
    });
  };
  const first = setTimeout(check, 60_000);
  const timer = setInterval(check, CHECK_EVERY_MS);
  first.unref();
  timer.unref();
  log(`daily backups to ${dir}, keeping the last ${keep}`);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
