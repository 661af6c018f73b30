import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { en, expectProblem, fr, msg, signIn } from './support';

/** Browsers ask for HTML; without it SvelteKit answers form actions in its JSON protocol (status 200). */
const HTML = 'text/html';

/** Demo accounts created by `demo seed` (README, "Demo accounts"). */
const COWORKER = { email: 'coworker@demo.maillage.fr', password: 'demo-maillage-2026' };

/** Signs in through the sign-in form as a browser would (same-origin POST); returns the response. */
async function postSignIn(request: APIRequestContext, baseURL: string, email: string, password: string, language = 'fr') {
  return request.post('/connexion?/password', {
    form: { email, password },
    headers: { origin: baseURL, 'accept-language': language, accept: HTML },
    maxRedirects: 0,
  });
}

const sessionCookie = (setCookie: string | undefined) => /maillage\.session_token=([^;]*)/.exec(setCookie ?? '')?.[1];

/** Every form action of the app, from the route files: `/path?/name` (parameters filled with a dummy value). */
function formActionUrls(): string[] {
  const routes = new URL('../../src/routes/', import.meta.url).pathname;
  const urls: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry === '+page.server.ts') {
        const source = readFileSync(path, 'utf8');
        const block = /export const actions\s*=\s*\{([\s\S]*)\};?/.exec(source)?.[1];
        if (!block) continue;
        const route = '/' + relative(routes, dir).split(sep).filter((part) => !part.startsWith('(')).map((part) => part.replace(/^\[.*\]$/, 'x')).join('/');
        for (const [, name] of block.matchAll(/^ {2}(\w+):/gm)) urls.push(name === 'default' ? route : `${route}?/${name}`);
      }
    }
  };
  walk(routes);
  return urls;
}

test.describe('cross-site request forgery', () => {
  const urls = formActionUrls();

  test('the app has form actions to protect', () => {
    expect(urls).toEqual(expect.arrayContaining(['/inscription', '/connexion?/password', '/connexion?/link', '/deconnexion']));
  });

  test('every form action refuses a POST from another site, and accepts the same one from this site', async ({ request, baseURL }) => {
    for (const url of urls) {
      const forged = await request.post(url, {
        form: { email: 'victim@example.org', password: 'x'.repeat(12), name: 'x' },
        headers: { origin: 'https://evil.example' },
        maxRedirects: 0,
      });
      expect(forged.status(), `${url} from another site`).toBe(403);
    }
    // The check is on the origin, not on the route: the same-origin POST gets through to the action.
    const legit = await request.post('/connexion?/link', { form: { email: 'not-an-email' }, headers: { origin: baseURL!, accept: HTML }, maxRedirects: 0 });
    expect(legit.status()).toBe(400);
  });
});

test.describe('content security policy and headers', () => {
  /** The directives of a Content-Security-Policy header, by name. */
  const directives = (policy: string | undefined) =>
    new Map((policy ?? '').split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name!, values]));

  const expectCommonHeaders = (headers: Record<string, string>, what: string) => {
    expect(headers['x-content-type-options'], what).toBe('nosniff');
    expect(['strict-origin-when-cross-origin', 'same-origin', 'no-referrer', 'strict-origin'], what).toContain(headers['referrer-policy']);
    expect(directives(headers['content-security-policy']).get('frame-ancestors'), what).toEqual(["'none'"]);
  };

  test('pages and their error pages have a strict policy: scripts by nonce only, no inline style, never framed', async ({ request }) => {
    for (const path of ['/', '/lieux', '/lieux/ocowork-cabries', '/connexion', '/page-qui-n-existe-pas']) {
      const response = await request.get(path);
      expect(response.headers()['content-type'], path).toContain('text/html');
      expectCommonHeaders(response.headers(), path);
      const policy = directives(response.headers()['content-security-policy']);
      const scripts = policy.get('script-src') ?? [];
      expect(scripts, path).toContain("'self'");
      expect(scripts.some((value) => value.startsWith("'nonce-")), path).toBe(true);
      expect(scripts.join(' '), path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(policy.get('style-src') ?? [], path).not.toContain("'unsafe-inline'");
      expect(policy.get('default-src'), path).toEqual(["'self'"]);
      expect(policy.get('object-src'), path).toEqual(["'none'"]);
      expect(policy.get('img-src'), path).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:', 'https://data.geopf.fr']));
      // Every inline script of the page carries the nonce of the policy.
      const nonce = scripts.find((value) => value.startsWith("'nonce-"))!.slice(7, -1);
      const html = await response.text();
      for (const [tag] of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)) expect(tag, path).toContain(`nonce="${nonce}"`);
      expect(html, path).not.toMatch(/\sstyle="/);
    }
  });

  test('API answers, files and redirects carry the headers and a closed policy', async ({ request }) => {
    for (const path of ['/api/v1/places', '/api/v1/places.csv', '/api/v1/nothing-here', '/api/v1/me', '/langue?lang=fr&to=/']) {
      const response = await request.get(path, { maxRedirects: 0 });
      expectCommonHeaders(response.headers(), path);
      expect(directives(response.headers()['content-security-policy']).get('default-src'), path).toEqual(["'none'"]);
    }
  });

  test('the pages and the map run under the policy without a single violation', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto('/lieux');
    await page.getByRole('link', { name: fr.places_view_map }).click();
    await expect.poll(() => page.locator('.marker-cluster, .place-pin').count()).toBeGreaterThan(0);
    await page.goto('/lieux/ocowork-cabries');
    // The place's own pin, opened by keyboard (another place's cluster may cover it for a pointer).
    await page.locator('.place-pin.current').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.leaflet-popup-content')).toHaveText('Ocowork — Cabriès');
    await page.goto('/simulateur');
    await signIn(page, COWORKER.email, COWORKER.password);
    await page.goto('/compte/reservations');
    await page.goto('/compte');
    await page.goto('/');
    expect(violations).toEqual([]);
  });
});

test.describe('bodies over the limit', () => {
  const tenMegabytes = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) });

  test('10 MB of JSON on an API write is a 413 problem in the person language, never a 500', async ({ request, baseURL }) => {
    for (const [method, path] of [
      ['POST', '/api/v1/bookings'],
      ['PATCH', '/api/v1/me'],
      ['POST', '/api/v1/places'],
    ] as const) {
      for (const [language, catalogue] of [['fr', fr], ['en', en]] as const) {
        const response = await request.fetch(path, {
          method,
          data: tenMegabytes,
          headers: { 'content-type': 'application/json', origin: baseURL!, 'accept-language': language },
        });
        const problem = await expectProblem(response, 413);
        expect(problem.code, `${method} ${path}`).toBe('body_too_large');
        expect(problem.detail, `${method} ${path}`).toBe(msg(catalogue, 'error_body_too_large', { max: 1 }));
      }
    }
  });
});

test.describe('open redirects', () => {
  // As typed in the address bar: the query values decode to `/.//evil.example`, `/\t/evil.example`, `http://[`…
  const probes = [
    '%2F.%2F%2Fevil.example',
    '%2F..%2F%2Fevil.example',
    '%2F.%2F%5Cevil.example',
    '%2F.%2F%252F%2Fevil.example',
    '%2F%09%2Fevil.example',
    '%2F%0A%2Fevil.example',
    '%09%2F%2Fevil.example',
    '%2F%2Fevil.example',
    '%2F%5Cevil.example',
    '%5C%5Cevil.example',
    'https%3A%2F%2Fevil.example',
    'javascript%3Aalert(1)',
    'http%3A%2F%2F%5B',
    '%2F%2F%5B',
  ];
  const expectOnSite = (response: Awaited<ReturnType<APIRequestContext['get']>>, probe: string) => {
    expect(response.status(), probe).toBe(303);
    const location = response.headers()['location'] ?? '';
    expect(location.startsWith('/') && !location.startsWith('//'), `${probe} → ${location}`).toBe(true);
    expect(new URL(location, 'http://127.0.0.1/').host, `${probe} → ${location}`).toBe('127.0.0.1');
  };

  test('the language switch goes back to a page of this site only, whatever the encoding', async ({ request }) => {
    for (const probe of probes) expectOnSite(await request.get(`/langue?lang=en&to=${probe}`, { maxRedirects: 0 }), probe);
    const local = await request.get(`/langue?lang=en&to=${encodeURIComponent('/lieux?q=a#carte')}`, { maxRedirects: 0 });
    expect(local.headers()['location']).toBe('/lieux?q=a#carte');
  });

  test('signing in goes back to a page of this site only, whatever the encoding', async ({ playwright, baseURL }) => {
    const context = await playwright.request.newContext({ baseURL });
    const signIn = await context.post(`/connexion?/password&retour=${probes[4]}`, {
      form: COWORKER,
      headers: { origin: baseURL!, accept: HTML },
      maxRedirects: 0,
    });
    expectOnSite(signIn, probes[4]!);
    // Signed in, the sign-in page sends the person on at once: the same check.
    for (const probe of probes) expectOnSite(await context.get(`/connexion?retour=${probe}`, { maxRedirects: 0 }), probe);
    expect((await context.get(`/connexion?retour=${encodeURIComponent('/compte/reservations')}`, { maxRedirects: 0 })).headers()['location']).toBe(
      '/compte/reservations',
    );
    await context.dispose();
  });

  test('the e-mail links never send the person to another site', async ({ request }) => {
    const link = await request.get('/api/auth/magic-link/verify?token=forged&callbackURL=https%3A%2F%2Fevil.example&errorCallbackURL=https%3A%2F%2Fevil.example', {
      maxRedirects: 0,
    });
    expect(link.status()).toBeLessThan(500);
    expect(link.headers()['location'] ?? '').not.toContain('evil.example');
  });
});

test.describe('user enumeration', () => {
  test('sign-up, e-mail link and password reset answer the same for a known and an unknown address', async ({ request, baseURL }) => {
    const unknown = `nobody.${Date.now()}@example.org`;
    const answer = async (url: string, email: string, extra: Record<string, string> = {}) => {
      const response = await request.post(url, { form: { email, ...extra }, headers: { origin: baseURL!, accept: 'application/json' } });
      const body = (await response.json()) as { type: string; status: number; data: string };
      // The page echoes the address typed: compare with it masked.
      return { status: response.status(), type: body.type, data: body.data.replaceAll(email, '<email>') };
    };
    const signUpFields = { name: 'Camille Test', password: 'a long enough password' };
    expect(await answer('/inscription', COWORKER.email, signUpFields)).toEqual(await answer('/inscription', unknown, signUpFields));
    expect(await answer('/connexion?/link', COWORKER.email)).toEqual(await answer('/connexion?/link', `x${unknown}`));
    expect(await answer('/mot-de-passe-oublie', COWORKER.email)).toEqual(await answer('/mot-de-passe-oublie', `y${unknown}`));
  });

  test('a wrong password and an unknown address get the same refusal', async ({ request, baseURL }) => {
    const wrongPassword = await postSignIn(request, baseURL!, COWORKER.email, 'not the password at all');
    const unknownAddress = await postSignIn(request, baseURL!, `ghost.${Date.now()}@example.org`, 'not the password at all');
    expect(wrongPassword.status()).toBe(401);
    expect(unknownAddress.status()).toBe(401);
    // Each page has its own script nonce (the Content-Security-Policy): masked too.
    const text = async (response: typeof wrongPassword) =>
      (await response.text()).replace(/ghost\.\d+@example\.org|coworker@demo\.maillage\.fr|nonce="[^"]+"/g, '');
    expect(await text(wrongPassword)).toContain(msg(fr, 'error_invalid_credentials').replace(/'/g, '&#39;'));
    expect(await text(wrongPassword)).toEqual(await text(unknownAddress));
  });
});

test.describe('brute force', () => {
  test('after 5 failed sign-ins an address is refused for a while, with the message in the user language', async ({ request, baseURL }) => {
    const target = `target.${Date.now()}@example.org`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await postSignIn(request, baseURL!, target, `guess number ${attempt}`)).status(), `attempt ${attempt}`).toBe(401);
    }
    const refused = await request.post('/connexion?/password', {
      form: { email: target, password: 'guess number 6' },
      headers: { origin: baseURL!, 'accept-language': 'en', accept: 'application/json' },
    });
    const body = (await refused.json()) as { type: string; status: number; data: string };
    expect(body.status).toBe(429);
    expect(body.data).toContain('Too many attempts');
  });

  test('the limit is per address: another address still gets a normal answer', async ({ request, baseURL }) => {
    const response = await postSignIn(request, baseURL!, `other.${Date.now()}@example.org`, 'wrong password here');
    expect(response.status()).toBe(401);
  });
});

test.describe('session fixation and replay', () => {
  test('a session id planted before sign-in is not adopted, and a signed-out session is dead', async ({ playwright, baseURL }) => {
    const planted = 'attacker-chosen-session-token.signature';
    const context = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { cookie: `maillage.session_token=${planted}` },
    });
    expect((await context.get('/api/v1/me')).status()).toBe(401);
    const signIn = await postSignIn(context, baseURL!, COWORKER.email, COWORKER.password);
    expect(signIn.status()).toBe(303);
    const issued = sessionCookie(signIn.headers()['set-cookie']);
    expect(issued).toBeTruthy();
    expect(issued).not.toBe(planted);
    await context.dispose();

    // The issued session works; the planted one never does.
    const withIssued = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `maillage.session_token=${issued}` } });
    const me = await withIssued.get('/api/v1/me');
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(COWORKER.email);
    expect((await withIssued.post('/deconnexion', { form: {}, headers: { origin: baseURL!, accept: HTML }, maxRedirects: 0 })).status()).toBe(303);
    // Replaying the cookie after sign-out: no session.
    await expectProblem(await withIssued.get('/api/v1/me'), 401);
    await withIssued.dispose();
  });
});

test.describe('authentication endpoints', () => {
  test('only the e-mail links are reachable; sign-in and sign-up go through the pages', async ({ request, baseURL }) => {
    const direct = await request.post('/api/auth/sign-in/email', {
      data: { email: COWORKER.email, password: COWORKER.password },
      headers: { origin: baseURL! },
    });
    expect(direct.status()).toBe(404);
    const badLink = await request.get(`/api/auth/magic-link/verify?token=forged&callbackURL=%2Fcompte&errorCallbackURL=${encodeURIComponent('/connexion?lien=invalide')}`, {
      maxRedirects: 0,
    });
    expect(badLink.status()).toBe(302);
    expect(badLink.headers().location).toContain('/connexion?lien=invalide');
  });

  test('the English speaker gets the English refusal', async ({ request, baseURL }) => {
    const response = await request.post('/connexion?/password', {
      form: { email: COWORKER.email, password: 'definitely wrong' },
      headers: { origin: baseURL!, 'accept-language': 'en', accept: 'application/json' },
    });
    const body = (await response.json()) as { data: string };
    expect(body.data).toContain(msg(en, 'error_invalid_credentials'));
  });
});
