import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS, fr, msg, signIn } from './support';

test.describe('home page', () => {
  test('46140 offers its communes; Luzech gives the places near it, with free desks and the simulator one click away @nojs', async ({ page }) => {
    await page.goto('/');
    // The first screen: where to work, a few places to open, what the network holds.
    await expect(page.locator('.place-card').first().getByRole('link')).toBeVisible();
    await expect(page.getByRole('link', { name: fr.home_free_desks })).toHaveAttribute('href', '/reservations');
    await expect(page.getByRole('link', { name: fr.home_simulator })).toHaveAttribute('href', '/simulateur');
    const figures = page.getByRole('region', { name: fr.home_figures_title }).locator('.figures li');
    await expect(figures.filter({ hasText: fr.home_figure_places }).locator('strong')).toHaveText(/^[1-9]\d*$/);
    await expect(figures.filter({ hasText: fr.home_figure_desks }).locator('strong')).toHaveText(/^[1-9][\d\s\u202f]*$/);

    await page.getByLabel(fr.home_search_label).fill('46140');
    await page.getByRole('button', { name: fr.home_search_submit }).click();
    const choice = page.getByLabel(fr.simulator_choose_commune);
    await expect(choice.locator('option', { hasText: 'Luzech (46140)' })).toHaveCount(1);
    await choice.selectOption({ label: 'Luzech (46140) — 46' });
    await page.getByRole('button', { name: fr.home_search_submit }).click();
    await expect(page.getByRole('heading', { name: msg(fr, 'home_near_title', { km: 30, commune: 'Luzech' }) })).toBeVisible();
    await expect(page.locator('.place-card').first()).toContainText(/à [\d,]+ km/);
    await expect(page.getByRole('link', { name: msg(fr, 'home_free_desks_near', { commune: 'Luzech' }) })).toHaveAttribute('href', '/reservations?near=46182');
    await expect(page.getByRole('link', { name: fr.home_simulator })).toHaveAttribute('href', '/simulateur?home=46182');
  });

  test('a commune name leads straight to the places near it, on a map beside the list', async ({ page }) => {
    await page.route(/data\.geopf\.fr/, (route) => route.abort());
    await page.goto('/');
    await page.getByLabel(fr.home_search_label).fill('Luzech');
    await page.getByRole('button', { name: fr.home_search_submit }).click();
    await expect(page.getByRole('heading', { name: msg(fr, 'home_near_title', { km: 30, commune: 'Luzech' }) })).toBeVisible();
    const map = page.getByRole('region', { name: fr.home_map_label });
    await expect(map.locator('.place-pin, .marker-cluster').first()).toBeVisible({ timeout: 30_000 });
    const mapBox = (await map.boundingBox())!;
    const listBox = (await page.locator('.place-list').boundingBox())!;
    expect(mapBox.x).toBeGreaterThanOrEqual(listBox.x + listBox.width - 1);
    // On a phone, the page's content fits the screen (the frame of the page is tested elsewhere).
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(page.url());
    await expect(map.locator('.place-pin, .marker-cluster').first()).toBeVisible({ timeout: 30_000 });
    const right = await page.evaluate(() => Math.max(...[...document.querySelectorAll('main *')].filter((e) => !e.closest('.leaflet-container')).map((e) => e.getBoundingClientRect().right)));
    expect(right).toBeLessThanOrEqual(375);
  });
});

test.describe('home commune', () => {
  test('the signed-in person’s home commune starts the simulator, the directory and the free-desk search', async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.coworker.email);
    await page.goto('/simulateur');
    await expect(page.getByLabel(fr.simulator_home)).toHaveValue('Luzech (46140)');
    await page.goto('/lieux');
    await expect(page.getByLabel(fr.places_near)).toHaveValue('Luzech (46140)');
    await page.goto('/reservations');
    await expect(page.getByLabel(fr.places_near)).toHaveValue('Luzech (46140)');
    // Asked otherwise, the page follows what is asked.
    await page.goto('/lieux?nearText=Cahors');
    await expect(page.getByLabel(fr.places_near)).toHaveValue('Cahors (46000)');
  });
});
