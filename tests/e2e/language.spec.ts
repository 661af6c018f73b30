import { expect, test, type Page } from '@playwright/test';
import { en, fr, msg, type Catalogue } from './support';

async function expectLanguage(page: Page, lang: 'fr' | 'en', catalogue: Catalogue) {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  const nav = page.getByRole('navigation', { name: catalogue.nav_main });
  await expect(nav.getByRole('link', { name: catalogue.nav_territories, exact: true })).toBeVisible();
  // The language switch: one link per language, the current one marked.
  const languages = page.getByRole('list', { name: catalogue.language_label });
  await expect(languages.getByRole('link')).toHaveCount(2);
  await expect(languages.locator('a[aria-current="true"]')).toHaveAttribute('lang', lang);
}

test.describe('default language', () => {
  test('French by default', async ({ page }) => {
    await page.goto('/');
    await expectLanguage(page, 'fr', fr);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.home_title);
  });

  test('French when the browser asks for a language the app lacks', async ({ request }) => {
    for (const accept of ['de-DE,de;q=0.9', '']) {
      const response = await request.get('/', { headers: { 'accept-language': accept } });
      expect(response.status()).toBe(200);
      const html = await response.text();
      expect(html).toMatch(/<html lang="fr"/);
      expect(html).toContain(`>${fr.nav_territories}</a>`);
    }
  });
});

test.describe('with Accept-Language: en', () => {
  test.use({ locale: 'en-GB', extraHTTPHeaders: { 'accept-language': 'en' } });

  test('the page is in English', async ({ page }) => {
    await page.goto('/');
    await expectLanguage(page, 'en', en);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.home_title);
    await expect(page.getByRole('searchbox', { name: en.search_label })).toBeVisible();
  });

  test('the error page is in English', async ({ page }) => {
    const response = await page.goto('/territoires/communes/99999');
    expect(response?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('alert')).toHaveText(msg(en, 'error_commune_not_found', { code: '99999' }));
  });
});

test.describe('when the browser and its requests disagree', () => {
  // Accept-Language says French, navigator.languages English (as a browser may for a moment while it starts):
  // the server chose French, and the page must not decide otherwise once its script runs (it would keep
  // English in the language cookie for every next page).
  test('the page keeps the language the server chose, and so does the next one', async ({ page, context }) => {
    await page.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['en-GB', 'en'] }));
    await page.goto('/territoires');
    await expectLanguage(page, 'fr', fr);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.territories_title);
    await page.waitForLoadState('networkidle');
    expect((await context.cookies()).find((c) => c.name === 'maillage_lang')?.value ?? 'fr').toBe('fr');
    await page.goto('/');
    await expectLanguage(page, 'fr', fr);
  });
});

test('the language switch changes the language and keeps the page @nojs', async ({ page }) => {
  const path = '/territoires?q=46140';
  await page.goto(path);
  await expectLanguage(page, 'fr', fr);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.territories_title);

  // One step: the link of the language.
  await page.getByRole('list', { name: fr.language_label }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(path);
  await expectLanguage(page, 'en', en);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.territories_title);
  await expect(page.getByRole('link', { name: 'Luzech', exact: true })).toBeVisible();

  // The choice is kept: another page is in English too.
  await page.goto('/territoires/communes/13019');
  await expectLanguage(page, 'en', en);
  await expect(page.getByText(en.commune_code, { exact: true })).toBeVisible();

  await page.getByRole('list', { name: en.language_label }).getByRole('link', { name: 'Français' }).click();
  await expect(page).toHaveURL('/territoires/communes/13019');
  await expectLanguage(page, 'fr', fr);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cabriès');
  await expect(page.getByText(fr.commune_code, { exact: true })).toBeVisible();
});

test('the language switch never redirects off site', async ({ request }) => {
  for (const to of ['https://example.org/', '//example.org/', '/\\example.org']) {
    const response = await request.get(`/langue?lang=en&to=${encodeURIComponent(to)}`, { maxRedirects: 0 });
    expect(response.status()).toBe(303);
    const location = response.headers()['location'] ?? '';
    expect(new URL(location, 'http://127.0.0.1/').host, `redirect for ${to}: ${location}`).toBe('127.0.0.1');
  }
});
