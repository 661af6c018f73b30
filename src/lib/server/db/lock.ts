import { closeSync, constants, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { tryLock, unlock } from 'fs-native-extensions';

export class DataDirLockedError extends Error {
  readonly dataDir: string;
  /** What the holder wrote in the lock file, for the message only: its pid may belong to another PID namespace. */
  readonly holder: string;

  constructor(dataDir: string, holder: string) {
    super(
      `The data directory ${dataDir} is already in use${holder ? ` (${holder})` : ''}. ` +
        `Embedded PGlite allows one process per data directory: stop the other process, ` +
        `or set DATABASE_URL to run several processes on PostgreSQL.`,
    );
    this.name = 'DataDirLockedError';
    this.dataDir = dataDir;
    this.holder = holder;
  }
}

/**
 * PGlite does not lock its data directory, and two processes writing it corrupt it.
 * An exclusive open-file-description lock (fcntl F_OFD_SETLK on Linux) on `<dataDir>.lock` is held by the
 * kernel for as long as the file stays open: it holds against a process in another PID namespace sharing the
 * volume, and it is released the moment its owner dies (a killed process closes its files before it becomes a
 * zombie). The file itself is never removed: removing it would let two processes lock two different files.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  // Beside the data directory, not in it: PostgreSQL owns what is inside.
  mkdirSync(dirname(dataDir), { recursive: true });
  const lockPath = `${dataDir}.lock`;
  const fd = openSync(lockPath, constants.O_RDWR | constants.O_CREAT, 0o644);
  let locked = false;
  try {
    locked = tryLock(fd);
  } finally {
    if (!locked) closeSync(fd);
  }
  if (!locked) throw new DataDirLockedError(dataDir, readFileSync(lockPath, 'utf8').trim());
  // Who holds it, for the message another process shows; the lock, not this text, is what decides.
  ftruncateSync(fd, 0);
  writeSync(fd, `process ${process.pid}`, 0);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    unlock(fd);
    closeSync(fd);
  };
}
