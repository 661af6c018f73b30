import { expect, test } from '@playwright/test';
import { en, expectProblem, fr, msg } from './support';

/** Bad input to /api/v1: always a 4xx problem+json, in the caller's language, never a 500. */
interface Case {
  name: string;
  url: string;
  status: number;
  code: string;
  /** Message key and params the detail is made of. */
  message: [string, Record<string, string | number>?];
  /** For invalid_input: the offending field. */
  path?: string;
}

const longQuery = 'a'.repeat(5000);
const cases: Case[] = [
  { name: 'postalCode=abc', url: '/api/v1/communes?postalCode=abc', status: 400, code: 'invalid_input', path: 'postalCode', message: ['error_postal_code_format'] },
  { name: 'postalCode=1234', url: '/api/v1/communes?postalCode=1234', status: 400, code: 'invalid_input', path: 'postalCode', message: ['error_postal_code_format'] },
  { name: 'near=999,999', url: '/api/v1/communes?near=999,999', status: 400, code: 'invalid_input', path: 'near', message: ['error_near_out_of_range'] },
  { name: 'near=abc', url: '/api/v1/communes?near=abc', status: 400, code: 'invalid_input', path: 'near', message: ['error_location_format'] },
  { name: 'near=1,2,3', url: '/api/v1/communes?near=1,2,3', status: 400, code: 'invalid_input', path: 'near', message: ['error_location_format'] },
  { name: 'near=,', url: '/api/v1/communes?near=,', status: 400, code: 'invalid_input', path: 'near', message: ['error_location_format'] },
  { name: 'limit=-1', url: '/api/v1/communes?q=saint&limit=-1', status: 400, code: 'invalid_input', path: 'limit', message: ['error_limit_out_of_range'] },
  { name: 'limit=0', url: '/api/v1/communes?q=saint&limit=0', status: 400, code: 'invalid_input', path: 'limit', message: ['error_limit_out_of_range'] },
  { name: 'limit=100000', url: '/api/v1/communes?q=saint&limit=100000', status: 400, code: 'invalid_input', path: 'limit', message: ['error_limit_out_of_range'] },
  { name: 'limit=abc', url: '/api/v1/communes?q=saint&limit=abc', status: 400, code: 'invalid_input', path: 'limit', message: ['error_limit_format'] },
  { name: 'limit=1.5', url: '/api/v1/communes?q=saint&limit=1.5', status: 400, code: 'invalid_input', path: 'limit', message: ['error_limit_format'] },
  { name: 'q of 5000 characters', url: `/api/v1/communes?q=${longQuery}`, status: 400, code: 'invalid_input', path: 'q', message: ['error_query_too_long'] },
  { name: 'q blank', url: '/api/v1/communes?q=%20%20', status: 400, code: 'invalid_input', path: 'q', message: ['error_query_empty'] },
  { name: 'no criterion', url: '/api/v1/communes', status: 400, code: 'invalid_input', message: ['error_commune_search_needs_one'] },
  { name: 'only a limit', url: '/api/v1/communes?limit=5', status: 400, code: 'invalid_input', message: ['error_commune_search_needs_one'] },
  { name: 'two criteria', url: '/api/v1/communes?q=luzech&postalCode=46140', status: 400, code: 'invalid_input', message: ['error_commune_search_needs_one'] },
  { name: 'three criteria', url: '/api/v1/communes?q=luzech&postalCode=46140&near=44,1', status: 400, code: 'invalid_input', message: ['error_commune_search_needs_one'] },
  { name: 'unknown commune', url: '/api/v1/communes/99999', status: 404, code: 'commune_not_found', message: ['error_commune_not_found', { code: '99999' }] },
  { name: 'malformed commune code', url: '/api/v1/communes/abc', status: 400, code: 'invalid_input', message: ['error_commune_code_format'] },
  { name: 'unknown EPCI', url: '/api/v1/epci/999999999', status: 404, code: 'epci_not_found', message: ['error_epci_not_found', { code: '999999999' }] },
  { name: 'malformed SIREN', url: '/api/v1/epci/12345', status: 400, code: 'invalid_input', message: ['error_siren_format'] },
];

test.describe('/api/v1 bad input', () => {
  for (const c of cases) {
    test(`${c.name} → ${c.status} ${c.code}`, async ({ request }) => {
      const [key, params] = c.message;
      for (const [lang, catalogue] of [['fr', fr], ['en', en]] as const) {
        const headers: Record<string, string> = lang === 'en' ? { 'accept-language': 'en' } : {};
        const problem = await expectProblem(await request.get(c.url, { headers }), c.status);
        expect(problem.code).toBe(c.code);
        expect(problem.title).toBe(msg(catalogue, `status_${c.status}`));
        expect(problem.detail, `detail in ${lang}`).toBe(msg(catalogue, key, params));
        if (c.code === 'invalid_input') {
          expect(problem.errors?.length, JSON.stringify(problem.errors)).toBe(1);
          expect(problem.errors?.[0]?.message).toBe(msg(catalogue, key, params));
          if (c.path) expect(problem.errors?.[0]?.path).toBe(c.path);
        } else {
          expect(problem.errors).toBeUndefined();
        }
      }
    });
  }

  test('the language cookie wins over Accept-Language', async ({ request }) => {
    const problem = await expectProblem(
      await request.get('/api/v1/communes/99999', { headers: { 'accept-language': 'fr', cookie: 'maillage_lang=en' } }),
      404,
    );
    expect(problem.detail).toBe(msg(en, 'error_commune_not_found', { code: '99999' }));
  });

  test('a repeated parameter is a 400 in the caller\'s language', async ({ request }) => {
    const url = '/api/v1/communes?q=luzech&q=albas';
    const french = await expectProblem(await request.get(url, { headers: { 'accept-language': 'fr' } }), 400);
    const english = await expectProblem(await request.get(url, { headers: { 'accept-language': 'en' } }), 400);
    expect(french.code).toBe('invalid_input');
    expect(french.errors?.[0]?.path).toBe('q');
    // The detail follows Accept-Language, as for every other error (not a library's English default).
    expect(french.detail).not.toBe(english.detail);
  });

  test('odd input is never a 500', async ({ request }) => {
    const urls = [
      '/api/v1/communes?q=%00',
      '/api/v1/communes?q=%25',
      '/api/v1/communes?q=_',
      "/api/v1/communes?q=%27%3B%20drop%20table%20communes%3B--",
      '/api/v1/communes?q=%F0%9F%8F%A1',
      '/api/v1/communes?q=%E2%80%94',
      '/api/v1/communes?q=l%27',
      '/api/v1/communes?postalCode=%00%00%00%00%00',
      '/api/v1/communes?near=NaN,NaN',
      '/api/v1/communes?near=Infinity,0',
      '/api/v1/communes?near=90,180&limit=1',
      '/api/v1/communes?near=-90,-180&limit=1',
      '/api/v1/communes?q=saint&limit=',
      '/api/v1/communes?q=saint&limit=1e400',
      '/api/v1/communes/%00',
      '/api/v1/communes/2C001',
      '/api/v1/communes/00000',
      '/api/v1/epci/%00',
      '/api/v1/epci/000000000',
    ];
    for (const url of urls) {
      const response = await request.get(url);
      expect(response.status(), `${url}: ${(await response.text()).slice(0, 200)}`).toBeLessThan(500);
      if (response.status() >= 400) await expectProblem(response, response.status());
    }
    // The 404 of a missing database row and the item lists of odd but valid searches stay JSON too.
    expect((await request.get('/api/v1/communes?q=%00')).headers()['content-type']).toMatch(/json/);
  });

  test('an unknown API path is not a 500', async ({ request }) => {
    const response = await request.get('/api/v1/nothing-here');
    expect(response.status()).toBe(404);
  });
});
