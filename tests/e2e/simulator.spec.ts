import { expect, test } from '@playwright/test';
import { en, expectProblem, fr, msg } from './support';

test.describe('simulator page', () => {
  test('postal code, then commune, then results, without JavaScript @nojs', async ({ page }) => {
    await page.goto('/simulateur');
    await page.getByLabel(fr.simulator_home).fill('46140');
    await page.getByLabel(fr.simulator_work).fill('Cahors');
    await page.getByRole('button', { name: fr.simulator_submit }).click();
    // 46140 serves several communes: the page asks which one.
    const choice = page.getByLabel(fr.simulator_choose_commune);
    await expect(choice).toBeVisible();
    await choice.selectOption('46182');
    await page.getByLabel(fr.simulator_place).fill('Prayssac');
    await page.getByRole('button', { name: fr.simulator_submit }).click();

    await expect(page.getByRole('heading', { name: fr.simulator_results_title })).toBeVisible();
    await expect(page.locator('.figures')).toContainText(fr.simulator_km);
    await expect(page.getByRole('heading', { name: fr.simulator_impactco2_title })).toBeVisible();
    // The assumptions are listed, and the URL can be shared.
    await expect(page.getByRole('rowheader', { name: fr.assumption_tripsPerYear })).toBeVisible();
    expect(page.url()).toContain('home=46182');
    expect(page.url()).toContain('work=46042');
  });

  test('results follow the form with JavaScript', async ({ page, browser }) => {
    const query = 'homeText=Luzech&workText=Cahors&placeText=Prayssac';
    const kmOf = (p: typeof page) => p.locator('.figures li').first().locator('strong');
    // What the server answers for three days a week, each figure rounded on its own.
    const other = await browser.newPage();
    await other.goto(`/simulateur?${query}&days=3`);
    const threeDays = await kmOf(other).innerText();
    await other.close();

    await page.goto(`/simulateur?${query}&days=1`);
    const oneDay = Number((await kmOf(page).innerText()).replace(/\D/g, ''));
    expect(oneDay).toBeGreaterThan(0);
    expect(Number(threeDays.replace(/\D/g, ''))).toBeGreaterThan(oneDay * 2);
    await page.getByLabel(fr.simulator_days).fill('3');
    await page.getByLabel(fr.simulator_days).dispatchEvent('change');
    await expect(page).toHaveURL(/days=3/);
    await expect(kmOf(page)).toHaveText(threeDays);
  });

  test('the result reads in plain words, in French and in English, and leads to places near home', async ({ page }) => {
    for (const [language, catalogue, person] of [
      ['fr', fr, '1 personne'],
      ['en', en, '1 person'],
    ] as const) {
      await page.goto(`/langue?lang=${language}&to=${encodeURIComponent('/simulateur?home=46182&work=46042&place=46225&days=2')}`);
      const results = page.locator('.results');
      await expect(results.getByRole('heading', { name: catalogue.simulator_results_title })).toBeVisible();
      // No citation in another language, no code: the notes say what each figure is.
      await expect(results).not.toContainText(/Maillage assumption \(|Maillage assumption:/);
      await expect(results).not.toContainText(/homeToWorkKm|detourFactor|tripsPerYear|×\s*[a-z]+[A-Z]/);
      await expect(results.getByRole('row', { name: new RegExp(catalogue.assumption_occupancy) })).toContainText(person);
      await expect(results).toContainText(catalogue.simulator_impactco2_difference);
      await expect(results.getByRole('link', { name: msg(catalogue, 'simulator_find_place', { commune: 'Luzech' }) })).toHaveAttribute(
        'href',
        '/lieux?near=46182',
      );
    }
  });

  test('says which commune could not be found', async ({ page }) => {
    await page.goto('/simulateur?homeText=zzzzqx&workText=Cahors');
    await expect(page.getByText(msg(fr, 'simulator_no_commune', { query: 'zzzzqx' }))).toBeVisible();
  });
});

test.describe('simulator API', () => {
  test('Impact CO2 compatibility: the reference formula for a thermal car', async ({ request }) => {
    const response = await request.get('/api/v1/simulator/impactco2?transport=voiturethermique&distanceKm=30&officeDays=3&teleworkDays=2');
    expect(response.status()).toBe(200);
    const body = await response.json();
    const total = 0.14225341222954335 * 30 * 92;
    expect(body.totalKgPerWeeklyDay).toBe(total);
    expect(body.generatedKg).toBe(total * 3);
    expect(body.savedKg).toBe(0.75 * 2 * total);
    expect(body.footprintPercent).toBe((0.75 * 2 * total) / 91);
    expect(body.display).toEqual({ generated: Math.round(total * 3), saved: Math.round(0.75 * 2 * total), footprintPercent: Math.round(((0.75 * 2 * total) / 91) * 100) / 100 });
  });

  test('Maillage mode between communes, in euros and in Swiss francs', async ({ request }) => {
    const eur = await (await request.get('/api/v1/simulator?home=46182&work=46042&place=46225&days=2&dayPrice=12')).json();
    expect(eur.currency).toBe('EUR');
    expect(eur.kmAvoided).toBeGreaterThan(0);
    for (const key of ['kmAvoided', 'co2eKgAvoided', 'hoursSaved', 'moneySaved', 'coworkingCost', 'netSaving']) {
      expect(typeof eur[key], key).toBe('number');
    }
    expect(eur.assumptions.length).toBeGreaterThan(10);
    const chf = await (await request.get('/api/v1/simulator?home=46182&work=46042&days=2&currency=CHF')).json();
    expect(chf.currency).toBe('CHF');
    expect(chf.costMethod).toBe('tcs');
  });

  for (const [label, query, code] of [
    ['unknown slug', '/impactco2?transport=fusee&distanceKm=10&officeDays=3&teleworkDays=2', 'simulator_unknown_transport'],
    ['negative distance', '/impactco2?transport=voiturethermique&distanceKm=-5&officeDays=3&teleworkDays=2', 'simulator_distance_invalid'],
    ['non-numeric distance', '/impactco2?transport=voiturethermique&distanceKm=abc&officeDays=3&teleworkDays=2', 'invalid_input'],
    ['days over 7', '/impactco2?transport=voiturethermique&distanceKm=10&officeDays=8&teleworkDays=2', 'simulator_days_invalid'],
    ['unknown commune', '?home=99999&work=46042', 'location_commune_unknown'],
    ['a trip over 1,000 km', '?home=59350&work=06088', 'simulator_distance_too_long'],
    ['occupancy 0', '?home=46182&work=46042&occupancy=0', 'simulator_occupancy_invalid'],
    ['a malformed place', '?home=46182&work=here', 'invalid_input'],
  ] as const) {
    test(`${label} → 400 ${code}`, async ({ request }) => {
      const problem = await expectProblem(await request.get(`/api/v1/simulator${query}`), 400);
      expect(problem.code).toBe(code);
      expect(problem.detail.length).toBeGreaterThan(5);
    });
  }
});
