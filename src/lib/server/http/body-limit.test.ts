import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT, limitBody, PHOTO_BODY_LIMIT } from './body-limit.ts';

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) => {
  const url = new URL(path, 'http://localhost:3000');
  return { url, request: new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit) };
};

/** A body sent in chunks with no declared length (chunked transfer). */
const streamed = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < bytes; sent += 64 * 1024) controller.enqueue(new Uint8Array(Math.min(64 * 1024, bytes - sent)));
      controller.close();
    },
  });

describe('request body limits', () => {
  it('answers an API body declared over 1 MB with a 413 problem in the person’s language', async () => {
    const event = post('/api/v1/bookings', 'x', { 'content-length': String(DEFAULT_BODY_LIMIT + 1), 'content-type': 'application/json' });
    const response = limitBody(event, 'fr')!;
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 413, code: 'body_too_large', detail: 'La requête est trop volumineuse : 1 Mo au plus.' });
  });

  it('lets a page’s form read a body over its limit only as a 413 error, in the person’s language', async () => {
    const event = post('/compte', 'x', { 'content-length': String(DEFAULT_BODY_LIMIT + 1), 'content-type': 'application/x-www-form-urlencoded' });
    expect(limitBody(event, 'en')).toBeNull();
    const failure = await event.request.text().then(() => null, (error: unknown) => error);
    expect(isHttpError(failure, 413)).toBe(true);
    expect(failure).toMatchObject({ body: { message: 'The request is too large: 1 MB at most.', code: 'body_too_large' } });
  });

  it('counts a body streamed without a declared length, and stops it past the limit', async () => {
    const small = post('/compte', streamed(DEFAULT_BODY_LIMIT));
    expect(limitBody(small, 'fr')).toBeNull();
    expect((await small.request.arrayBuffer()).byteLength).toBe(DEFAULT_BODY_LIMIT);

    const big = post('/compte', streamed(DEFAULT_BODY_LIMIT + 1));
    expect(limitBody(big, 'fr')).toBeNull();
    expect(isHttpError(await big.request.arrayBuffer().then(() => null, (error: unknown) => error), 413)).toBe(true);

    const api = post('/api/v1/bookings', streamed(DEFAULT_BODY_LIMIT + 1));
    expect(limitBody(api, 'fr')).toBeNull();
    expect(await api.request.arrayBuffer().then(() => null, (error: unknown) => error)).toMatchObject({ kind: 'too_large', code: 'body_too_large', params: { max: 1 } });
  });

  it('gives photo uploads 11 MB, and them only', async () => {
    const page = post('/lieux/la-grange/photos', streamed(DEFAULT_BODY_LIMIT * 4));
    expect(limitBody(page, 'fr')).toBeNull();
    expect((await page.request.arrayBuffer()).byteLength).toBe(DEFAULT_BODY_LIMIT * 4);
    expect(limitBody(post('/api/v1/places/la-grange/photos', 'x', { 'content-length': String(PHOTO_BODY_LIMIT) }), 'fr')).toBeNull();
    const over = limitBody(post('/api/v1/places/la-grange/photos', 'x', { 'content-length': String(PHOTO_BODY_LIMIT + 1) }), 'en')!;
    expect(await over.json()).toMatchObject({ status: 413, code: 'body_too_large', detail: 'The request is too large: 11 MB at most.' });
    expect(limitBody(post('/api/v1/places/la-grange', 'x', { 'content-length': String(DEFAULT_BODY_LIMIT * 4) }), 'fr')?.status).toBe(413);
  });
});
