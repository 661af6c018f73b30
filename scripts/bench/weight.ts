// Page weight as a visitor on a rural line receives it: every HTML, CSS and JS response of a page,
// gzipped, measured in Debian's Chromium against the built app on a throwaway embedded database.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { assertPortFree, BENCH_PORTS } from './ports.ts';
import { summarize, type Summary } from './stats.ts';
import { REPO_ROOT } from './territory.ts';

export interface PageWeight {
  path: string;
  htmlCssJsGzip: number;
  jsGzip: number;
  requests: number;
  /** Time to the first byte of the HTML, over repeated requests after one warm-up (ms). */
  firstByte: Summary;
}

/** The first place of the demo directory, so the place page is measured on real data. */
export const FIRST_PLACE = '{first-place}';
const FIRST_BYTE_REQUESTS = 40;

/** Milliseconds until the response's headers (the first byte) arrive, measured from outside the browser. */
async function timeToFirstByte(url: string): Promise<number[]> {
  const times: number[] = [];
  await (await fetch(url)).arrayBuffer();
  for (let i = 0; i < FIRST_BYTE_REQUESTS; i += 1) {
    const started = performance.now();
    const response = await fetch(url);
    times.push(performance.now() - started);
    await response.arrayBuffer();
  }
  return times;
}

const PORT = BENCH_PORTS.pageWeight;

/** Waits until the app answers its health check. */
export async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the app did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Builds the app if needed and starts it as `npm start` does, on 127.0.0.1:`port` with `env` added; resolves once
 * it is ready, with its address and the stop (idempotent).
 */
export async function startBuiltApp(port: number, env: NodeJS.ProcessEnv): Promise<{ base: string; stop: () => Promise<void> }> {
  await assertPortFree(port);
  const base = `http://127.0.0.1:${port}`;
  const build = spawn(process.execPath, ['scripts/start.js', '--build-only'], { cwd: REPO_ROOT, stdio: 'ignore' });
  if ((await once(build, 'close'))[0] !== 0) throw new Error('the build failed');
  const server = spawn(process.execPath, ['scripts/start.js'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base },
    stdio: 'ignore',
  });
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  };
  try {
    await waitForHealth(`${base}/health/ready`, 300_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, stop };
}

/** Starts the built app with its demo data, loads each path in Chromium, and sums what it received. */
export async function measurePageWeights(paths: string[]): Promise<PageWeight[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-weight-'));
  const env = { ...process.env, MAILLAGE_DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(PORT), HOST: '127.0.0.1', SHUTDOWN_TIMEOUT: '1' };
  await assertPortFree(PORT);
  const server = spawn('sh', ['-c', 'node bin/maillage.js demo seed >/dev/null && exec node scripts/start.js'], { env, stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitForHealth(`${base}/api/v1/health`, 180_000);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const weights: PageWeight[] = [];
    try {
      const first = (await (await fetch(`${base}/api/v1/places?perPage=1`)).json()) as { items: { slug: string }[] };
      const firstSlug = first.items[0]?.slug;
      if (!firstSlug) throw new Error('the demo directory has no place');
      for (const template of paths) {
        const path = template.replace(FIRST_PLACE, firstSlug);
        const page = await browser.newPage();
        const bodies: Promise<{ type: string; gzip: number }>[] = [];
        page.on('response', (response) => {
          const type = response.request().resourceType();
          if (!['document', 'script', 'stylesheet'].includes(type)) return;
          bodies.push(response.body().then((body) => ({ type, gzip: gzipSync(body).length }), () => ({ type, gzip: 0 })));
        });
        await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
        const received = await Promise.all(bodies);
        weights.push({
          path,
          htmlCssJsGzip: received.reduce((sum, r) => sum + r.gzip, 0),
          jsGzip: received.filter((r) => r.type === 'script').reduce((sum, r) => sum + r.gzip, 0),
          requests: received.length,
          firstByte: summarize(await timeToFirstByte(`${base}${path}`)),
        });
        await page.close();
      }
    } finally {
      await browser.close();
    }
    return weights;
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface CardPhotoWeight {
  /** What the generated photo looks like. */
  photo: string;
  /** Bytes of its card variants (WebP), by width. */
  bytesByWidth: Record<number, number>;
}

/**
 * The card variants the upload pipeline keeps (places/photos.ts), for camera-sized photos from plain to
 * fine-grained (the demo data has no photos; a visitor's card shows the 320 or 640 px variant).
 */
export async function measureCardPhotos(): Promise<CardPhotoWeight[]> {
  const { default: sharp } = await import('sharp');
  const { encodePhotoVariants, PHOTO_LIMITS } = await import('../../src/lib/server/places/photos.ts');
  const scene = (width: number, height: number) =>
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">` +
        `<stop offset="0" stop-color="#cfe3f5"/><stop offset="1" stop-color="#7a5c3e"/></linearGradient></defs>` +
        `<rect width="100%" height="100%" fill="url(#g)"/>` +
        Array.from({ length: 12 }, (_, i) => `<rect x="${(i * width) / 12 + 20}" y="${height * 0.55}" width="${width / 16}" height="${height / 5}" fill="hsl(${i * 30},40%,45%)"/>`).join('') +
        `</svg>`,
    );
  const photos: [string, Promise<Buffer>][] = [
    ['plain scene, 4000×3000', sharp(scene(4000, 3000)).jpeg({ quality: 90 }).toBuffer()],
    [
      'scene with sensor grain, 4000×3000',
      sharp(scene(4000, 3000))
        .composite([{ input: { create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }, blend: 'overlay' }])
        .jpeg({ quality: 90 })
        .toBuffer(),
    ],
    ['pure noise, 1400×1000 (worst case)', sharp({ create: { width: 1400, height: 1000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).jpeg().toBuffer()],
  ];
  const weights: CardPhotoWeight[] = [];
  for (const [photo, bytes] of photos) {
    const variants = (await encodePhotoVariants(await bytes)) ?? [];
    const card = variants.filter((v) => (PHOTO_LIMITS.cardWidths as readonly number[]).includes(v.width));
    weights.push({ photo, bytesByWidth: Object.fromEntries(card.map((v) => [v.width, v.bytes.length])) });
  }
  return weights;
}
