import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, expectNoViolations, expectProblem, fr, LUZECH_EPCI, msg, signIn } from './support';

/*
 * Impact and funding as people meet them. The demo council runs the Vallée du Lot place (opened in the demo
 * with a year of synthetic activity) and funds it: as the place's team it enters costs and a subsidy and reads
 * the break-even; as funder it opens the place's report and its territory's, and downloads the PDF and XLSX.
 * Bad input gets a message and changes nothing; a coworker states an alternative without JavaScript.
 */

const PLACE = 'coworking-vallee-du-lot-et-du-vignoble';
const PLACE_NAME = 'Espace de coworking de la Vallée du Lot et du Vignoble';
const COUNCIL = DEMO_ACCOUNTS.council;
const TERRITORY = `/impact/territoires/epci/${LUZECH_EPCI.code}`;

/** A download link of the page: its file is fetched with the page's session and checked by its first bytes. */
async function download(page: Page, name: string, magic: string, type: string) {
  const href = await page.getByRole('link', { name }).first().getAttribute('href');
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain(type);
  expect((await response.body()).subarray(0, magic.length).toString('latin1')).toBe(magic);
}

test('the council enters costs and a subsidy, reads the break-even, then opens and downloads its reports', async ({ page }) => {
  await signIn(page, COUNCIL.email);
  await page.goto(`/gestion/lieux/${PLACE}/impact`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'impact_finances_title', { place: PLACE_NAME }));

  const costs = page.locator('section', { has: page.getByRole('heading', { name: fr.impact_costs_title, exact: true }) });
  await costs.getByLabel(fr.impact_field_rent, { exact: true }).fill('-100');
  await costs.getByRole('button', { name: fr.impact_costs_submit }).click();
  await expect(costs.locator('.field-error')).toHaveText(fr.error_impact_cost_negative);
  await costs.getByLabel(fr.impact_field_rent, { exact: true }).fill('9600');
  await costs.getByLabel(fr.impact_field_animator, { exact: true }).fill('18000');
  await costs.getByLabel(fr.impact_field_energy, { exact: true }).fill('2400');
  await costs.getByLabel(fr.impact_field_other, { exact: true }).fill('1800');
  await costs.getByRole('button', { name: fr.impact_costs_submit }).click();
  await expect(costs.getByRole('status')).toHaveText(fr.impact_costs_saved);

  const subsidies = page.locator('section', { has: page.getByRole('heading', { name: fr.impact_subsidies_title, exact: true }) });
  const purpose = `Animation ${Date.now()}`;
  await subsidies.getByLabel(fr.impact_field_amount, { exact: true }).fill('5000');
  await subsidies.getByLabel(fr.impact_field_starts, { exact: true }).fill('2026-01-01');
  await subsidies.getByLabel(fr.impact_field_ends, { exact: true }).fill('2027-12-31');
  await subsidies.getByLabel(fr.impact_field_purpose, { exact: true }).fill(purpose);
  // A funder of blanks only: refused with its message, nothing added.
  await subsidies.getByLabel(fr.impact_field_funder, { exact: true }).fill('   ');
  await subsidies.getByRole('button', { name: fr.impact_subsidy_add }).click();
  await expect(subsidies.locator('.field-error')).toContainText(fr.error_impact_funder_required);
  await expect(subsidies.locator('tbody tr', { hasText: purpose })).toHaveCount(0);
  await subsidies.getByLabel(fr.impact_field_funder, { exact: true }).fill('Département du Lot');
  await subsidies.getByRole('button', { name: fr.impact_subsidy_add }).click();
  await expect(subsidies.getByRole('status')).toHaveText(fr.impact_subsidy_saved);
  await expect(subsidies.locator('tbody tr', { hasText: purpose })).toHaveCount(1);

  const breakEven = page.locator('section', { has: page.getByRole('heading', { name: fr.impact_break_even_title, exact: true }) }).first();
  for (const label of [fr.impact_break_even_without, fr.impact_break_even_with]) await expect(breakEven.getByRole('row', { name: label })).toContainText(/\d/);
  await expectNoViolations(page);

  // The report of the place it funds, then of its territory; both files download.
  await page.goto(`/impact/lieux/${PLACE}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'impact_title_place', { place: PLACE_NAME }));
  await expect(page.getByRole('img', { name: fr.impact_chart_desk_days })).toBeVisible();
  await expect(page.getByRole('table', { name: fr.impact_commuting })).toContainText(fr.impact_km);
  await expectNoViolations(page);
  await download(page, fr.impact_download_pdf, '%PDF', 'application/pdf');
  await download(page, fr.impact_download_xlsx, 'PK', 'spreadsheetml');

  await page.goto(TERRITORY);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'impact_title_territory', { territory: LUZECH_EPCI.name }));
  await expect(page.getByRole('row', { name: new RegExp(PLACE_NAME) })).toBeVisible();
  await expectNoViolations(page);
  await download(page, fr.impact_download_pdf, '%PDF', 'application/pdf');
  await download(page, fr.impact_download_xlsx, 'PK', 'spreadsheetml');
});

test('bad input over the API is a 4xx with a message, and a report is only for the place’s team and funders', async ({ page }) => {
  const anonymous = await page.request.get(`/api/v1/impact/places/${PLACE}`);
  expect((await expectProblem(anonymous, 401)).code).toBe('sign_in_required');
  await signIn(page, DEMO_ACCOUNTS.coworker.email);
  expect((await expectProblem(await page.request.get(`/api/v1/impact/places/${PLACE}`), 403)).detail).toBe(fr.error_forbidden_action);
  const reversed = await page.request.get(`/api/v1/impact/territories/epci/${LUZECH_EPCI.code}?from=2026-03-31&to=2026-03-01`);
  expect((await expectProblem(reversed, 400)).detail).toBe(fr.error_impact_period_reversed);
  const tooLong = await page.request.get(`/api/v1/impact/territories/epci/${LUZECH_EPCI.code}?from=2019-01-01&to=2026-01-01`);
  expect((await expectProblem(tooLong, 400)).detail).toBe(msg(fr, 'error_impact_period_too_long', { years: 5 }));
  // The territory's public aggregates: no revenue of a place the coworker neither runs nor funds.
  const report = (await (await page.request.get(`/api/v1/impact/territories/epci/${LUZECH_EPCI.code}`)).json()) as { places: { slug: string; revenueTotalCents: number | null; members: { kind: string } }[] };
  const place = report.places.find((p) => p.slug === PLACE)!;
  expect(place.revenueTotalCents).toBeNull();
  expect(place.members.kind).toBe('count');
});

test('a coworker states what they would do otherwise, without JavaScript, and anyone reads the territory’s report @nojs', async ({ page }, testInfo) => {
  await page.goto(TERRITORY);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'impact_title_territory', { territory: LUZECH_EPCI.name }));
  await expect(page.getByText(fr.impact_public_note)).toBeVisible();
  await signIn(page, DEMO_ACCOUNTS.coworker.email);
  await page.goto('/compte');
  const section = page.locator('section', { has: page.getByRole('heading', { name: fr.impact_alternative_title }) });
  await section.getByLabel(fr.impact_alternative_commute).check();
  // A workplace no commune matches: refused beside the form, nothing saved.
  await section.getByLabel(fr.impact_field_workplace).fill('Zzyzx-sur-Rien');
  await section.getByRole('button', { name: fr.impact_alternative_submit }).click();
  await expect(section.locator('.field-error')).toContainText('Zzyzx-sur-Rien');
  await section.getByLabel(fr.impact_alternative_home).check();
  await section.getByLabel(fr.impact_field_mode).selectOption('bike');
  await section.getByRole('button', { name: fr.impact_alternative_submit }).click();
  await expect(section.getByRole('status')).toHaveText(fr.impact_alternative_saved);
  await expect(section.getByLabel(fr.impact_alternative_home)).toBeChecked();
  // The page is the same with and without JavaScript: axe runs once, in the project with it.
  if (testInfo.project.name !== 'no-js') await expectNoViolations(page);
});
