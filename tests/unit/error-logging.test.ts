import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { invalid, notFound } from '../../src/lib/server/errors.ts';
import { apiHandler } from '../../src/lib/server/http/api.ts';
import { unexpectedErrorPage } from '../../src/lib/server/http/error-page.ts';
import { jsonApiHandler } from '../../src/lib/server/http/json-only.ts';
import { log } from '../../src/lib/server/log.ts';

/** What hooks.server.ts's handleError does with SvelteKit's arguments. */
const handleError = ({ error, event, status }: { error: unknown; event: RequestEvent; status: number; message: string }) =>
  unexpectedErrorPage(error, status, event.url.pathname, event.locals.locale);

/** Lines logged at error level (the one logger, log.ts) during `run`. */
async function errorsLogged(run: () => Promise<unknown> | unknown): Promise<unknown[][]> {
  const spy = vi.spyOn(log, 'error').mockImplementation(() => {});
  try {
    await run();
    return spy.mock.calls;
  } finally {
    spy.mockRestore();
  }
}

const event = (init: { locale?: 'fr' | 'en'; request?: Request } = {}) =>
  ({
    url: new URL('http://127.0.0.1/api/v1/bookings'),
    route: { id: '/api/v1/bookings' },
    request: init.request ?? new Request('http://127.0.0.1/api/v1/bookings'),
    locals: { locale: init.locale ?? 'fr' },
  }) as unknown as RequestEvent;

/** A request whose body stream fails as adapter-node's does over BODY_SIZE_LIMIT. */
function overLimitRequest(): Request {
  const body = new ReadableStream({
    start(controller) {
      controller.error(Object.assign(new Error('request body size exceeded BODY_SIZE_LIMIT of 524288'), { status: 413, text: 'Payload Too Large' }));
    },
  });
  return new Request('http://127.0.0.1/api/v1/bookings', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    duplex: 'half',
  } as RequestInit);
}

afterEach(() => vi.restoreAllMocks());

describe('what is logged as an unexpected error', () => {
  it('SvelteKit refusals of a bad request (404, 405, 413) are answered in the language, not logged', async () => {
    for (const status of [400, 404, 405, 413, 415]) {
      const logged = await errorsLogged(() => handleError({ error: new Error('refused'), event: event(), status, message: 'x' }));
      expect(logged, String(status)).toEqual([]);
    }
    const tooLarge = await handleError({ error: new Error('too large'), event: event({ locale: 'en' }), status: 413, message: 'x' });
    expect(tooLarge).toEqual({ message: 'The request is too large: 1 MB at most.' });
  });

  it('a crash (5xx) is logged with its stack, and answered without it', async () => {
    const crash = new Error('database gone');
    let answer: unknown;
    const logged = await errorsLogged(async () => (answer = await handleError({ error: crash, event: event(), status: 500, message: 'x' })));
    expect(logged).toHaveLength(1);
    expect(logged[0]![0]).toMatchObject({ err: crash });
    expect(JSON.stringify(answer)).not.toContain('database gone');
  });

  it('the API answers domain refusals without logging them, and logs a crash', async () => {
    for (const refusal of [invalid('invalid_input'), notFound('booking_not_found')]) {
      let status = 0;
      const logged = await errorsLogged(async () => (status = (await apiHandler(() => Promise.reject(refusal))(event())).status));
      expect(logged).toEqual([]);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    let crashStatus = 0;
    const logged = await errorsLogged(async () => (crashStatus = (await apiHandler(() => Promise.reject(new Error('boom')))(event())).status));
    expect(crashStatus).toBe(500);
    expect(logged).toHaveLength(1);
  });

  it('a JSON body over the limit is a 413 problem in the language, not a logged 500', async () => {
    for (const [locale, detail] of [
      ['fr', 'La requête est trop volumineuse : 1 Mo au plus.'],
      ['en', 'The request is too large: 1 MB at most.'],
    ] as const) {
      let response: Response | undefined;
      const handler = jsonApiHandler(async () => ({ reached: true }));
      const logged = await errorsLogged(async () => (response = await handler(event({ locale, request: overLimitRequest() }))));
      expect(logged).toEqual([]);
      expect(response!.status).toBe(413);
      expect(response!.headers.get('content-type')).toBe('application/problem+json');
      expect(await response!.json()).toMatchObject({ status: 413, code: 'body_too_large', detail });
    }
  });
});
