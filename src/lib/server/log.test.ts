import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logRequest, requestId, scrub } from './log.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(stream), lines };
}

describe('logs', () => {
  it('write one JSON line per request with method, route id, status, duration and request id', () => {
    const { logger, lines } = capture();
    logRequest(logger, { method: 'GET', route: '/lieux/[slug]', status: 200, durationMs: 12.345, requestId: 'abc-1' });
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: 'info', msg: 'request', method: 'GET', route: '/lieux/[slug]', status: 200, durationMs: 12.3, requestId: 'abc-1', service: 'maillage' });
  });

  it('log an expected refusal as an answer and a 5xx as an error', () => {
    const { logger, lines } = capture();
    logRequest(logger, { method: 'POST', route: '/api/v1/bookings', status: 409, durationMs: 3, requestId: 'r' });
    logRequest(logger, { method: 'GET', route: null, status: 404, durationMs: 1, requestId: 'r' });
    logRequest(logger, { method: 'GET', route: '/', status: 500, durationMs: 1, requestId: 'r' });
    expect(lines.map((line) => [JSON.parse(line).level, JSON.parse(line).route])).toEqual([
      ['info', '/api/v1/bookings'],
      ['info', 'unmatched'],
      ['error', '/'],
    ]);
  });

  it('never carry a password, a token or an e-mail address, whatever a caller puts in them', () => {
    const { logger, lines } = capture();
    const token = 'Xq3vR8kLm2Np7Ts9Wb4Yc6Zd1Fg5Hj0K';
    logger.info({ user: { email: 'zoe.querandel@example.org', password: 'correct horse battery' }, token, headers: { authorization: `Bearer ${token}`, cookie: `maillage.session_token=${token}` } }, 'sign-in');
    logger.error({ err: new Error(`SMTP refused <zoe.querandel@example.org> with ${token}`) }, 'delivery failed');
    const text = lines.join('');
    for (const secret of ['zoe.querandel@example.org', 'correct horse battery', token]) expect(text).not.toContain(secret);
    expect(text).toContain('[email]');
    expect(text).toContain('[redacted]');
  });

  it('keep request ids and route ids readable', () => {
    const id = '0b5c8f1e-4a2d-4c6b-9e3f-7a1d2c3b4e5f';
    expect(scrub(`{"requestId":"${id}","route":"/calendrier/[token].ics"}`)).toBe(`{"requestId":"${id}","route":"/calendrier/[token].ics"}`);
    expect(requestId(id)).toBe(id);
    expect(requestId('<script>')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
