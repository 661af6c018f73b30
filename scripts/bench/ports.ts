// The ports the bench's servers listen on: BENCH_PORT and the next eight (default 4191…4199), so that
// several checkouts on one machine can each run it on their own range.
const base = Number(process.env.BENCH_PORT);
const first = Number.isInteger(base) && base > 1024 && base < 65_000 ? base : 4191;

export const BENCH_PORTS = {
  /** The two app processes of the booking section. */
  booking: [first, first + 1],
  /** The server that keeps serving during a backup (operations section). */
  operations: first + 2,
  /** The server that takes answers over HTTP (surveys section). */
  surveys: first + 3,
  /** The first start measured from outside. */
  serverStart: first + 7,
  /** The page weights in Chromium. */
  pageWeight: first + 8,
};

/**
 * Refuses a port something already listens on: a server left from an earlier run would answer the health
 * check, and the bench would measure it (another build, another database) instead of the one it starts.
 */
export async function assertPortFree(port: number): Promise<void> {
  const { createServer } = await import('node:net');
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`port ${port} is already in use: stop what listens there, or set BENCH_PORT`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
