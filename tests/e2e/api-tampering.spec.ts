import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './support';

/** Browsers ask for HTML; without it SvelteKit answers form actions in its JSON protocol (status 200). */
const HTML = 'text/html';

/*
 * Every /api/v1 route with an id in its path, found from the route files: forged ids never get a 500,
 * and private resources answer 401 to nobody and 404 to a signed-in stranger, as for an unknown id.
 */

interface IdRoute {
  path: string;
  methods: string[];
}

function idRoutes(): IdRoute[] {
  const root = new URL('../../src/routes/api/v1/', import.meta.url).pathname;
  const routes: IdRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry === '+server.ts') {
        const route = relative(root, dir).split(sep);
        if (!route.some((part) => /^\[(?!\.\.\.)/.test(part))) continue;
        const source = readFileSync(path, 'utf8');
        const methods = [...source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => m[1]!);
        routes.push({ path: `/api/v1/${route.join('/')}`, methods });
      }
    }
  };
  walk(root);
  return routes;
}

const FORGED = [
  '00000000-0000-4000-8000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '..%2F..%2Fetc%2Fpasswd',
  "1'%20or%20'1'%3D'1",
  '%00',
  'x'.repeat(400),
  '-1',
  '%F0%9F%92%A5',
];

const fill = (path: string, id: string) => path.replace(/\[[^\]]+\]/g, id);

async function signedIn(playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, baseURL: string, email: string) {
  const context = await playwright.request.newContext({ baseURL });
  const response = await context.post('/connexion?/password', { form: { email, password: DEMO_PASSWORD }, headers: { origin: baseURL, accept: HTML }, maxRedirects: 0 });
  expect(response.status(), `sign-in of ${email}`).toBe(303);
  return context;
}

test('the API has routes with ids to protect', () => {
  const paths = idRoutes().map((r) => r.path);
  expect(paths).toEqual(expect.arrayContaining(['/api/v1/communes/[code]', '/api/v1/organizations/[id]', '/api/v1/places/[idOrSlug]']));
});

test('forged ids on every route and method get a 4xx problem, never a 500', async ({ playwright, baseURL }) => {
  const coworker = await signedIn(playwright, baseURL!, DEMO_ACCOUNTS.coworker.email);
  for (const context of [await playwright.request.newContext({ baseURL }), coworker]) {
    for (const route of idRoutes()) {
      for (const method of route.methods) {
        for (const id of FORGED) {
          const url = fill(route.path, id);
          const response = await context.fetch(url, {
            method,
            headers: { origin: baseURL!, 'content-type': 'application/json' },
            data: method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' },
            maxRedirects: 0,
          });
          expect(response.status(), `${method} ${url}`).toBeGreaterThanOrEqual(400);
          expect(response.status(), `${method} ${url}`).toBeLessThan(500);
        }
      }
    }
  }
});

test('another organization’s data: 401 for nobody, 404 for a stranger, like an unknown id', async ({ playwright, baseURL }) => {
  const operator = await signedIn(playwright, baseURL!, DEMO_ACCOUNTS.operator.email);
  const mine = (await (await operator.get('/api/v1/organizations')).json()) as { items: { id: string }[] };
  const id = mine.items[0]!.id;
  expect((await operator.get(`/api/v1/organizations/${id}`)).status()).toBe(200);

  const anonymous = await playwright.request.newContext({ baseURL });
  const stranger = await signedIn(playwright, baseURL!, DEMO_ACCOUNTS.coworker.email);
  const unknown = '00000000-0000-4000-8000-000000000000';
  for (const route of idRoutes().filter((r) => r.path.startsWith('/api/v1/organizations/'))) {
    expect((await anonymous.get(fill(route.path, id))).status(), route.path).toBe(401);
    const tampered = await stranger.get(fill(route.path, id));
    const missing = await stranger.get(fill(route.path, unknown));
    expect(tampered.status(), route.path).toBe(404);
    expect(missing.status()).toBe(404);
    // Nothing tells an existing organization from a missing one.
    expect(((await tampered.json()) as { code: string }).code).toBe(((await missing.json()) as { code: string }).code);
  }
});
