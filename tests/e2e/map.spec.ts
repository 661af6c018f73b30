import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, fr, msg, signIn } from './support';

// Tests never reach the internet: the base map's tiles fail here as they would offline, and the map must still read.
const failTiles = (page: Page) => page.route(/data\.geopf\.fr/, (route) => route.abort());
/** Leaflet loads after the page: on a busy machine, seconds later. */
const MAP_LOADED = { timeout: 30_000 };
/** The right edge of the page's content (the frame of the page is tested elsewhere). */
const contentRight = (page: Page) => page.evaluate(() => Math.max(...[...document.querySelectorAll('main *')].filter((e) => !e.closest('.leaflet-container')).map((e) => e.getBoundingClientRect().right)));

test.describe('map', () => {
  test('without tiles, the map still reads: commune names, a scale, the IGN credit; pins are buttons named for the place', async ({ page }) => {
    await failTiles(page);
    await page.goto('/lieux/ocowork-cabries');
    const map = page.getByRole('region', { name: msg(fr, 'place_map_label', { name: 'Ocowork' }) });
    await expect(map.locator('.commune-label', { hasText: 'Cabriès' }).first()).toBeVisible(MAP_LOADED);
    await expect(map.locator('.leaflet-control-scale')).toBeVisible();
    await expect(map.getByRole('link', { name: '© IGN – Plan IGN' })).toHaveAttribute('href', 'https://www.ign.fr/');
    // The place itself, reachable by keyboard: Enter opens its name.
    const pin = map.getByRole('button', { name: /^Ocowork — Cabriès$/ });
    await pin.focus();
    await page.keyboard.press('Enter');
    await expect(map.locator('.leaflet-popup-content')).toHaveText('Ocowork — Cabriès');
  });

  test('the directory map: clusters say how many places they hold, the list stays beside it (below it on a phone)', async ({ page }) => {
    await failTiles(page);
    await page.goto('/lieux?view=map');
    const map = page.getByRole('region', { name: fr.places_map_label });
    const cluster = map.locator('.marker-cluster').first();
    await expect(cluster).toHaveAttribute('aria-label', /^\d+ lieux$/, MAP_LOADED);
    await expect(cluster).toHaveAttribute('role', 'button');
    const mapBox = (await map.boundingBox())!;
    const listBox = (await page.locator('.place-list').boundingBox())!;
    expect(listBox.x).toBeGreaterThanOrEqual(mapBox.x + mapBox.width - 1);

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/lieux?view=map');
    await expect(map.locator('.marker-cluster').first()).toBeVisible(MAP_LOADED);
    const phoneMap = (await map.boundingBox())!;
    const phoneList = (await page.locator('.place-list').boundingBox())!;
    expect(phoneList.y).toBeGreaterThanOrEqual(phoneMap.y + phoneMap.height - 1);
    expect(await contentRight(page)).toBeLessThanOrEqual(375);
  });

  test('a place named as markup shows as text in its popup and runs nothing', async ({ page }) => {
    await failTiles(page);
    await signIn(page, DEMO_ACCOUNTS.operator.email);
    const demo = (await (await page.request.get('/api/v1/places/ocowork-cabries')).json()) as { operatorOrganizationId: string };
    const name = `<img src=x onerror="window.pwned=1">Lieu ${100_000 + Math.floor(Math.random() * 900_000)}`;
    const created = await page.request.post('/api/v1/places', {
      data: { name, kind: 'tiers-lieu', communeCode: '46182', operatorOrganizationId: demo.operatorOrganizationId, desks: 2 },
    });
    expect(created.status()).toBe(201);
    const { slug } = (await created.json()) as { slug: string };

    // Its own page: its pin, reached by keyboard (another place shares its commune's point).
    await page.goto(`/lieux/${slug}`);
    const pin = page.getByRole('button', { name: `${name} — Luzech` });
    await pin.focus(MAP_LOADED);
    await page.keyboard.press('Enter');
    const popup = page.locator('.leaflet-popup-content');
    await expect(popup).toHaveText(`${name} — Luzech`);
    await expect(popup.locator('img')).toHaveCount(0);

    // On the directory's map, its pin opens a link whose text is the name.
    await page.goto(`/lieux?view=map&q=${encodeURIComponent(name.slice(-11))}`);
    const listed = page.getByRole('button', { name: `${name} — Luzech` });
    await listed.focus(MAP_LOADED);
    await page.keyboard.press('Enter');
    await expect(page.locator('.leaflet-popup-content').getByRole('link', { name: `${name} — Luzech` })).toHaveAttribute('href', `/lieux/${slug}`);
    await expect(page.locator('.leaflet-popup-content img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned ?? 0)).toBe(0);
  });
});
