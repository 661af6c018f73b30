import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.ts';

const origin = 'http://127.0.0.1:4173';

/** Where a browser at `origin` goes with this Location header. */
const landing = (location: string) => new URL(location, origin);

describe('return path', () => {
  it.each([
    ['/compte', '/compte'],
    ['/lieux/tiers-lieu-x?date=2026-07-14#reserver', '/lieux/tiers-lieu-x?date=2026-07-14#reserver'],
    ['/territoires/communes/13019', '/territoires/communes/13019'],
    ['/a/../compte', '/compte'],
    ['/%2F/evil.example', '/%2F/evil.example'],
  ])('keeps the local path %j', (candidate, expected) => {
    expect(safeReturnPath(candidate, origin, '/fallback')).toBe(expected);
  });

  // Every probe that once left the site, and its neighbours.
  const probes = [
    '//evil.example',
    '//evil.example/compte',
    '/\\evil.example',
    '\\\\evil.example',
    '/./\\evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/../\\evil.example',
    '/.///evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    '/\t\\evil.example',
    ' //evil.example',
    'https://evil.example/',
    'http://127.0.0.1:4173.evil.example/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://[',
    'evil.example',
    '',
    null,
    undefined,
  ];

  it.each(probes)('never leaves the site for %j', (candidate) => {
    const path = safeReturnPath(candidate, origin, '/fallback');
    expect(landing(path).origin).toBe(origin);
    expect(path.startsWith('/')).toBe(true);
    expect(path.startsWith('//')).toBe(false);
  });

  it('gives the fallback for what is not a path of this site', () => {
    for (const candidate of ['//evil.example', '/.//evil.example', '/\t/evil.example', 'http://[', 'https://evil.example']) {
      expect(safeReturnPath(candidate, origin, '/fallback'), candidate).toBe('/fallback');
    }
  });

  it('keeps an absolute URL of this very origin as its path only when it starts with a slash', () => {
    expect(safeReturnPath(`${origin}/compte`, origin, '/fallback')).toBe('/fallback');
  });
});
