import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import http from 'node:http';
import { dirname, join } from 'node:path';
import type { Database } from '../db/index.ts';
import { pgliteClient } from './backup.ts';
import { databaseStatus, type DatabaseStatus } from './status.ts';

/**
 * The control socket of a server on the embedded database. PGlite lets one process hold its data directory,
 * so while the server runs, `maillage db status` and `maillage db backup` ask the server itself, through a
 * Unix socket beside the data directory (`<MAILLAGE_DATA_DIR>/maillage.sock`, mode 0600): only the account that
 * runs the server (or root) may connect; nothing listens on the network.
 *
 *   GET /status    the database status, JSON
 *   POST /snapshot a consistent copy of the data directory, taken between two queries, in a new directory
 *                  `MAILLAGE_DATA_DIR/snapshot-…/pglite` whose path it answers; the caller removes it
 */
export function controlSocketPath(dataDir: string): string {
  return join(dataDir, 'maillage.sock');
}

export async function startControlServer(socketPath: string, database: Database): Promise<() => Promise<void>> {
  // The caller holds the data directory's lock: a socket or snapshots left here belong to a process that is gone.
  if (existsSync(socketPath)) unlinkSync(socketPath);
  for (const name of readdirSync(dirname(socketPath))) if (name.startsWith(SNAPSHOT_PREFIX)) rmSync(join(dirname(socketPath), name), { recursive: true, force: true });
  const server = http.createServer((request, response) => {
    void answer(request.method ?? 'GET', request.url ?? '', dirname(socketPath), database, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error instanceof Error ? error.message : error));
    });
  });
  const previousMask = process.umask(0o177);
  try {
    server.listen(socketPath);
    await once(server, 'listening');
  } finally {
    process.umask(previousMask);
  }
  server.unref();
  return async () => {
    server.close();
    server.closeAllConnections();
    await once(server, 'close').catch(() => {});
  };
}

const SNAPSHOT_PREFIX = 'snapshot-';

interface ExclusiveClient {
  query(query: string): Promise<unknown>;
  /** PGlite runs one query at a time; this runs `work` between two of them (as its own dumpDataDir does). */
  _runExclusiveQuery<T>(work: () => Promise<T>): Promise<T>;
}

async function answer(method: string, path: string, root: string, database: Database, response: http.ServerResponse): Promise<void> {
  if (path === '/status') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(await databaseStatus(database)));
    return;
  }
  if (path === '/snapshot' && method === 'POST') {
    const client = pgliteClient(database) as unknown as ExclusiveClient;
    // A checkpoint first, so that the copy needs little recovery when it is opened.
    await client.query('CHECKPOINT');
    const target = join(mkdtempSync(join(root, SNAPSHOT_PREFIX)), 'pglite');
    // PGlite writes its files straight through to the disk (NODEFS): copied while no query runs, they are
    // what a crash at that instant would leave, which PostgreSQL's recovery turns into every committed
    // transaction. A file copy, not PGlite's tarball: no memory, seconds for a gigabyte; asynchronous, so
    // that requests which need no query (assets, liveness) are answered meanwhile.
    await client._runExclusiveQuery(() => cp(database.location, target, { recursive: true }));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ dataDir: target }));
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found');
}

function request(socketPath: string, path: string, method = 'GET'): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path, method }, (response) => {
      if (response.statusCode === 200) return resolve(response);
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => reject(new Error(`the running server answered ${response.statusCode}: ${body}`)));
    });
    req.on('error', (error) =>
      reject(new Error(`the data directory is held by a running server, but its control socket ${socketPath} does not answer (${(error as Error).message})`)),
    );
    req.end();
  });
}

async function readJson<T>(response: http.IncomingMessage): Promise<T> {
  let body = '';
  response.setEncoding('utf8');
  for await (const chunk of response) body += chunk;
  return JSON.parse(body) as T;
}

export async function remoteStatus(socketPath: string): Promise<DatabaseStatus> {
  return readJson<DatabaseStatus>(await request(socketPath, '/status'));
}

/** Has the running server copy its data directory; returns the copy's path (remove its parent when done). */
export async function remoteSnapshot(socketPath: string): Promise<string> {
  return (await readJson<{ dataDir: string }>(await request(socketPath, '/snapshot', 'POST'))).dataDir;
}
