import { once } from 'node:events';
import { createWriteStream, existsSync, unlinkSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
 *   GET /snapshot  a consistent copy of the data directory (PGlite's tar), taken between two queries
 */
export function controlSocketPath(dataDir: string): string {
  return join(dataDir, 'maillage.sock');
}

export async function startControlServer(socketPath: string, database: Database): Promise<() => Promise<void>> {
  // The caller holds the data directory's lock: a socket left here belongs to a process that is gone.
  if (existsSync(socketPath)) unlinkSync(socketPath);
  const server = http.createServer((request, response) => {
    void answer(request.url ?? '', database, response).catch((error: unknown) => {
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

async function answer(path: string, database: Database, response: http.ServerResponse): Promise<void> {
  if (path === '/status') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(await databaseStatus(database)));
    return;
  }
  if (path === '/snapshot') {
    const client = pgliteClient(database) as unknown as { query(q: string): Promise<unknown>; dumpDataDir(c: 'none'): Promise<Blob> };
    // A checkpoint first, so that the copy needs little recovery when it is opened.
    await client.query('CHECKPOINT');
    const tar = await client.dumpDataDir('none');
    response.writeHead(200, { 'content-type': 'application/x-tar', 'content-length': String(tar.size) });
    await pipeline(Readable.fromWeb(tar.stream() as never), response);
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found');
}

function request(socketPath: string, path: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path }, (response) => {
      if (response.statusCode === 200) return resolve(response);
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => reject(new Error(`the running server answered ${response.statusCode}: ${body}`)));
    });
    req.on('error', (error) =>
      reject(new Error(`the data directory is held by a running server, but its control socket ${socketPath} does not answer (${(error as Error).message})`)),
    );
  });
}

export async function remoteStatus(socketPath: string): Promise<DatabaseStatus> {
  const response = await request(socketPath, '/status');
  let body = '';
  response.setEncoding('utf8');
  for await (const chunk of response) body += chunk;
  return JSON.parse(body) as DatabaseStatus;
}

/** Saves the running server's snapshot to `file`; checks it arrived whole. */
export async function remoteSnapshot(socketPath: string, file: string): Promise<void> {
  const response = await request(socketPath, '/snapshot');
  const expected = Number(response.headers['content-length']);
  let received = 0;
  response.on('data', (chunk: Buffer) => (received += chunk.length));
  await pipeline(response, createWriteStream(file, { mode: 0o600 }));
  if (received !== expected) throw new Error(`the snapshot from the running server was cut short (${received} of ${expected} bytes)`);
}
