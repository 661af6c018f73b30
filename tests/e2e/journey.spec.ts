import { expect, test } from '@playwright/test';
import { communesOfPostalCode, fr, LUZECH_EPCI, msg } from './support';

test.describe('finding a commune', () => {
  test('postal code search, then the commune page @nojs', async ({ page }) => {
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: fr.search_label });
    await box.fill('46140');
    await box.press('Enter');

    await expect(page).toHaveURL(/\/territoires\?q=46140$/);
    await expect(page.getByRole('heading', { level: 2, name: msg(fr, 'search_results_title', { query: '46140' }) })).toBeVisible();
    const expected = communesOfPostalCode('46140');
    expect(expected.length).toBeGreaterThan(1);
    const results = page.getByRole('table', { name: msg(fr, 'search_result_count', { count: expected.length }) });
    await expect(results.locator('tbody tr')).toHaveCount(expected.length);
    for (const commune of expected) {
      await expect(results.getByRole('link', { name: commune.nom, exact: true })).toHaveAttribute(
        'href',
        `/territoires/communes/${commune.code}`,
      );
    }
    // Every row shows the searched postal code.
    for (const cell of await results.locator('tbody tr td:nth-child(2)').allTextContents()) expect(cell).toContain('46140');

    await results.getByRole('link', { name: 'Luzech', exact: true }).click();
    await expect(page).toHaveURL(/\/territoires\/communes\/46182$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Luzech');
    await expect(page).toHaveTitle(/^Luzech \(46\)/);
    const facts = page.locator('dl.facts');
    await expect(facts.locator(`dt:text-is("${fr.commune_code}") + dd`)).toHaveText('46182');
    await expect(facts.locator(`dt:text-is("${fr.commune_postal_codes}") + dd`)).toContainText('46140');
    const epci = facts.getByRole('link', { name: LUZECH_EPCI.name, exact: true });
    await expect(epci).toHaveAttribute('href', `/territoires/epci/${LUZECH_EPCI.code}`);
    await expect(facts.locator(`dt:text-is("${fr.commune_departement}") + dd`)).toHaveText('Lot (46)');
    await expect(facts.locator(`dt:text-is("${fr.commune_region}") + dd`)).toHaveText('Occitanie');

    await expect(page.getByRole('heading', { level: 2, name: fr.commune_neighbours })).toBeVisible();
    const neighbours = page.getByRole('table', { name: fr.commune_neighbours });
    await expect(neighbours.locator('tbody tr')).toHaveCount(10);
    await expect(neighbours.getByRole('link', { name: 'Luzech', exact: true })).toHaveCount(0);
    // Nearest first: the distance column never decreases and stays local. Every commune here has its official
    // centre (IGN), so no distance is marked approximate and the note about estimates is left out.
    const cells = await neighbours.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(cells.filter((text) => text.includes('≈'))).toEqual([]);
    await expect(page.getByText(fr.distance_approximate!)).toHaveCount(0);
    const distances = cells.map((text) => Number(text.replace(/\s/g, '').replace(',', '.')));
    expect(distances).toHaveLength(10);
    expect(distances.every((d) => Number.isFinite(d) && d >= 0 && d < 30)).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  test('the EPCI link leads to the EPCI page', async ({ page }) => {
    await page.goto('/territoires/communes/46182');
    await page.getByRole('link', { name: LUZECH_EPCI.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/territoires/epci/${LUZECH_EPCI.code}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(LUZECH_EPCI.name);
    const members = page.getByRole('table');
    await expect(members.getByRole('link', { name: 'Luzech', exact: true })).toBeVisible();
  });

  test('suggestions as you type', async ({ page }) => {
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: fr.search_label });
    const suggestion = page.locator('ul.suggestions').getByRole('link', { name: /^Cabriès \(/ });
    // Typing before hydration is lost to the suggestion code: type again until it answers.
    await expect(async () => {
      await box.fill('');
      await box.pressSequentially('cabr');
      await expect(suggestion).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByText(fr.search_suggestions, { exact: true })).toBeVisible();
    await expect(suggestion).toHaveAttribute('href', '/territoires/communes/13019');
    await expect(suggestion).toHaveText('Cabriès (13480)');

    await suggestion.click();
    await expect(page).toHaveURL(/\/territoires\/communes\/13019$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cabriès');
  });

  test('a postal code search lists every commune of the postal code, even past 20', async ({ page }) => {
    // 51300 (Vitry-le-François) serves more communes than the default page size of the API.
    const expected = communesOfPostalCode('51300');
    expect(expected.length).toBeGreaterThan(20);
    await page.goto('/territoires?q=51300');
    const results = page.getByRole('table');
    await expect(results).toHaveAccessibleName(msg(fr, 'search_result_count', { count: expected.length }));
    await expect(results.locator('tbody tr')).toHaveCount(expected.length);
  });

  test('a search with no match says so', async ({ page }) => {
    await page.goto('/territoires?q=zzzzqx');
    await expect(page.getByText(msg(fr, 'search_no_result', { query: 'zzzzqx' }))).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  });

  test('an arrondissement links to its commune', async ({ page }) => {
    await page.goto('/territoires/communes/75101');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paris 1er Arrondissement');
    await expect(page.locator(`dt:text-is("${fr.commune_parent}") + dd`).getByRole('link', { name: 'Paris' })).toHaveAttribute(
      'href',
      '/territoires/communes/75056',
    );
  });

  test('an unknown commune is a 404 page', async ({ page }) => {
    const response = await page.goto('/territoires/communes/99999');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'error_page_title', { status: 404 }));
    await expect(page.getByRole('alert')).toHaveText(msg(fr, 'error_commune_not_found', { code: '99999' }));
  });
});

test('screenshot of a commune page', async ({ page }) => {
  await page.goto('/territoires/communes/46182');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Luzech');
  await page.screenshot({ path: 'tmp/e2e-commune-46182.png', fullPage: true });
});
