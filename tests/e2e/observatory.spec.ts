import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, expectNoViolations, fr, LUZECH_EPCI, msg, signIn } from './support';

const AMP = '/territoires/epci/200054807/observatoire';
const CCVLV = `/territoires/epci/${LUZECH_EPCI.code}/observatoire`;
const LOT_SITING = '/territoires/departements/46/observatoire/implantation';

const widths = [
  { name: 'desktop', viewport: { width: 1366, height: 900 } },
  { name: 'phone', viewport: { width: 375, height: 800 } },
];

/** The names of the communes proposed, in the order shown. */
const proposed = (page: Page) => page.locator('ol.sites h3').allTextContents();

for (const { name, viewport } of widths) {
  test.describe(`observatory at ${viewport.width} px`, () => {
    test.use({ viewport });

    test(`a visitor reads the concentration of Aix-Marseille-Provence, sorts the table and downloads it (${name}) @nojs`, async ({ page, request }) => {
      await page.goto(AMP);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'observatory_title', { name: "Métropole d'Aix-Marseille-Provence" }));
      const topTwo = page.locator('.figures > div').filter({ hasText: msg(fr, 'observatory_fig_top_two') });
      await expect(topTwo).toContainText('Marseille');
      await expect(topTwo).toContainText('%');
      // Every figure says where it comes from.
      await expect(page.locator('#source-reach')).toContainText('1.3');
      await expect(page.locator('#source-population')).toContainText('INSEE');
      // Sorting by desks, with or without JavaScript: links in the headers, and a form that phones show.
      if (viewport.width > 600) {
        await page.locator('#communes thead').getByRole('link', { name: msg(fr, 'observatory_col_desks'), exact: true }).click();
      } else {
        await page.getByLabel(msg(fr, 'observatory_sort_by')).selectOption('desks');
        await page.getByRole('button', { name: msg(fr, 'observatory_sort_apply') }).click();
      }
      await expect(page).toHaveURL(/tri=desks&ordre=desc/);
      await expect(page.locator('#communes tbody tr').first()).toContainText('Marseille');
      await expect(page.locator('#communes thead th[aria-sort="descending"]')).toHaveCount(1);
      const csv = await request.get(await page.getByRole('link', { name: msg(fr, 'observatory_csv') }).getAttribute('href') ?? '');
      expect(csv.headers()['content-type']).toContain('text/csv');
      expect(await csv.text()).toMatch(/^\uFEFF?code_insee,commune,population/);
    });

    test(`the CCVLV shows its place and its communes out of reach (${name}) @nojs`, async ({ page }) => {
      await page.goto(CCVLV);
      const places = page.locator('.figures > div').filter({ hasText: msg(fr, 'observatory_fig_places') }).first();
      await expect(places).toContainText(msg(fr, 'observatory_fig_places_detail', { projects: 0, closed: 0 }));
      await expect(page.getByRole('heading', { name: msg(fr, 'observatory_out_title', { km: 15 }) })).toBeVisible();
      // Its communes have (synthetic) contours: the choropleth's classes are in the table beside the map.
      const classes = page.getByRole('table', { name: msg(fr, 'observatory_classes_caption') });
      await expect(classes.getByRole('row')).toHaveCount(5);
      await expect(classes).toContainText(msg(fr, 'observatory_class_3'));
      await expect(page.getByText(msg(fr, 'observatory_contours_synthetic'))).toBeVisible();
    });

    test(`the demo council runs a siting, reads why, and an exclusion changes the answer (${name}) @nojs`, async ({ page }) => {
      await signIn(page, DEMO_ACCOUNTS.council.email);
      await page.goto(LOT_SITING);
      await page.getByLabel(msg(fr, 'siting_k')).fill('2');
      await page.getByRole('button', { name: msg(fr, 'siting_run'), exact: true }).click();
      await expect(page.getByRole('heading', { name: msg(fr, 'siting_result_title', { k: 2 }) })).toBeVisible({ timeout: 60_000 });
      // Without a flows file for the Lot, the answer is an estimate, and says so.
      await expect(page.getByRole('note')).toContainText(msg(fr, 'siting_estimate'));
      const first = await proposed(page);
      expect(first).toHaveLength(2);
      await expect(page.locator('ol.sites > li').first()).toContainText(msg(fr, 'siting_stays'));
      // Exclude the first commune proposed: it is no longer in the answer.
      const [excluded] = first;
      await page.getByRole('main').locator('summary').first().click();
      await page.getByLabel(msg(fr, 'siting_choice_for', { name: excluded! })).selectOption('excluded');
      await page.getByRole('button', { name: msg(fr, 'siting_run'), exact: true }).click();
      await expect(page.getByRole('heading', { name: msg(fr, 'siting_result_title', { k: 2 }) })).toBeVisible({ timeout: 60_000 });
      await expect.poll(() => proposed(page), { timeout: 60_000 }).not.toContain(excluded);
    });
  });
}

test('a bad siting request is refused with a message, and a visitor is asked to sign in', async ({ page }) => {
  await page.goto(LOT_SITING);
  await expect(page.getByRole('main').getByRole('link', { name: msg(fr, 'siting_sign_in_link') })).toBeVisible();
  await signIn(page, DEMO_ACCOUNTS.council.email);
  await page.goto(LOT_SITING);
  await page.getByLabel(msg(fr, 'siting_radius')).evaluate((input) => input.removeAttribute('max'));
  await page.getByLabel(msg(fr, 'siting_radius')).fill('150');
  await page.getByRole('button', { name: msg(fr, 'siting_run'), exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(msg(fr, 'error_siting_radius_invalid', { max: 100 }));
});

// Each of these maps draws something whatever other tests do: the desks of Aix-Marseille-Provence (région 93
// holds them) or the demo's contours of the CCVLV (the Lot and Luzech are in it).
for (const path of [AMP, CCVLV, '/territoires/departements/46/observatoire', '/territoires/regions/93/observatoire']) {
  test(`axe: ${path}`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('.leaflet-interactive').first()).toBeVisible({ timeout: 30_000 });
    await expectNoViolations(page);
  });
}

test('axe: Luzech, one commune drawn from its contour, its class in the table beside', async ({ page }) => {
  await page.goto('/territoires/communes/46182/observatoire');
  // Its contour, and over it the symbol of the desks of its open place.
  await expect(page.locator('path.contour')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('path.leaflet-interactive')).toHaveCount(2);
  await expect(page.getByText(msg(fr, 'observatory_contours_loaded', { loaded: 1, communes: 1 }))).toBeVisible();
  await expect(page.getByRole('table', { name: msg(fr, 'observatory_classes_caption') })).toBeVisible();
  await expectNoViolations(page);
});

test('axe: the siting page, for a visitor and with a result', async ({ page }) => {
  await page.goto(LOT_SITING);
  await expectNoViolations(page);
  await signIn(page, DEMO_ACCOUNTS.council.email);
  await page.goto(LOT_SITING);
  await page.getByRole('button', { name: msg(fr, 'siting_run'), exact: true }).click();
  await expect(page.locator('ol.sites h3').first()).toBeVisible({ timeout: 60_000 });
  await expectNoViolations(page);
});

test('the observatory API answers in JSON with its sources, and 4xx for bad territories', async ({ request }) => {
  const ok = await request.get('/api/v1/observatory/departement/46');
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.territory).toMatchObject({ kind: 'departement', code: '46', name: 'Lot' });
  expect(body.sources.reach.method).toContain('1.3');
  expect((await request.get('/api/v1/observatory/planet/46')).status()).toBe(400);
  expect((await request.get('/api/v1/observatory/epci/123456789')).status()).toBe(404);
  const siting = await request.post('/api/v1/siting', { data: { territory: { kind: 'departement', code: '46' }, k: 1 } });
  expect(siting.status()).toBe(401);
  const contours = await request.get(`/api/v1/observatory/epci/${LUZECH_EPCI.code}/contours.geojson`);
  expect(contours.headers()['content-type']).toContain('application/geo+json');
  const { features } = await contours.json();
  expect(features.length).toBeGreaterThan(10);
  expect(features[0].properties).toHaveProperty('reachClass');
  expect((await request.post('/api/v1/observatory/sets', { data: { name: 'x', communes: ['46182'] } })).status()).toBe(401);
  expect((await request.get('/api/v1/observatory/set/999999')).status()).toBe(404);
});
