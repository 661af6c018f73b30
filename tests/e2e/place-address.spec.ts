import { expect, test, type Page } from '@playwright/test';
import { DEMO_OPERATOR_NAME } from '../../src/lib/server/accounts/demo-accounts';
import { DEMO_ACCOUNTS, expectProblem, fr, msg, signIn } from './support';

// The place's address and pin: the operator picks the commune (postal code or name), types the street and
// places the pin on the map (with JavaScript) or types latitude and longitude (without); a pin outside France
// is refused and changes nothing; the place page says where the place is, and whether that is exact.

const OPERATOR = DEMO_ACCOUNTS.operator;
const OPERATED_PLACE = 'ocowork-cabries';
const ADDRESS = 'Bâtiment B; 12, quai des Écoles';
/** Luzech, by the Lot: well within the commune. */
const PIN = { lat: '44,4812', lon: '1,2871' };

const unique = () => 100 + Math.floor(Math.random() * 900);
const fact = (page: Page, label: string) => page.locator('dl.facts dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');

/** A new place of the demo operator in Luzech, through the API: its edit form's address. */
async function newPlaceForm(page: Page): Promise<string> {
  await signIn(page, OPERATOR.email);
  const operated = (await (await page.request.get(`/api/v1/places/${OPERATED_PLACE}`)).json()) as { operatorOrganizationId: string };
  const created = await page.request.post('/api/v1/places', {
    data: { name: `Quai des Écoles ${unique()}`, kind: 'coworking', communeCode: '46182', operatorOrganizationId: operated.operatorOrganizationId },
  });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()) as { slug: string };
  return slug;
}

/** A pattern matching the text as it is. */
const including = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const numberOf = async (page: Page, label: string) => Number((await page.getByLabel(label, { exact: true }).inputValue()).replace(',', '.'));

for (const viewport of [
  { width: 1366, height: 900 },
  { width: 375, height: 800 },
]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test('the operator types the address and places the pin on the map; a pin abroad is refused; the place page says where it is', async ({ page }) => {
      const slug = await newPlaceForm(page);
      await page.goto(`/lieux/${slug}/modifier`);
      await expect(page.getByLabel(fr.place_edit_field_commune, { exact: true })).toHaveValue('Luzech (46140)');
      await page.getByLabel(fr.place_edit_field_address, { exact: true }).fill(ADDRESS);
      await expect(page.getByText(fr.place_edit_pin_status_commune)).toBeVisible();

      // The map opens on the commune's centre: a click there places the pin and fills the inputs.
      const map = page.getByRole('region', { name: fr.place_edit_pin_map_label });
      await map.scrollIntoViewIfNeeded();
      await expect(page.getByRole('button', { name: fr.place_edit_pin_at_centre })).toBeEnabled();
      await map.click({ position: { x: 60, y: 80 } });
      await expect(page.getByLabel(fr.place_edit_field_lat, { exact: true })).toHaveValue(/^44\.\d+$/);
      await expect(page.getByLabel(fr.place_edit_field_lon, { exact: true })).toHaveValue(/^1\.\d+$/);
      const pin = page.getByRole('button', { name: fr.place_edit_pin_label });
      await expect(pin).toBeVisible();
      // The keyboard moves it: right is east.
      const before = await numberOf(page, fr.place_edit_field_lon);
      await pin.focus();
      await pin.press('ArrowRight');
      await expect.poll(() => numberOf(page, fr.place_edit_field_lon)).toBeGreaterThan(before);
      await page.screenshot({ path: `tmp/place-pin-form-${viewport.width}.png`, fullPage: false });

      // Typed abroad (LAT,LON swapped): the map says so and the pin stays; the server refuses it too.
      await page.getByLabel(fr.place_edit_field_lat, { exact: true }).fill('1.2871');
      await page.getByLabel(fr.place_edit_field_lon, { exact: true }).fill('44.4812');
      await expect(page.getByText(fr.place_edit_pin_outside_france)).toBeVisible();
      await page.getByRole('button', { name: fr.place_edit_submit }).click();
      await expect(page.getByLabel(fr.place_edit_field_lat, { exact: true })).toHaveAccessibleDescription(including(fr.error_place_coordinates_outside_france));
      await page.goto(`/lieux/${slug}`);
      await expect(page.getByText(fr.place_coordinates_commune)).toBeVisible();
      await expect(fact(page, fr.place_address)).toHaveCount(0);

      // Again, the pin placed at the map's centre once the map is moved with the keyboard.
      await page.goto(`/lieux/${slug}/modifier`);
      await page.getByLabel(fr.place_edit_field_address, { exact: true }).fill(ADDRESS);
      await map.focus();
      await map.press('ArrowDown');
      await page.getByRole('button', { name: fr.place_edit_pin_at_centre }).click();
      await expect(page.getByText(new RegExp(`^${fr.place_edit_pin_status_exact.split(':')[0]}`))).toBeVisible();
      const lat = await numberOf(page, fr.place_edit_field_lat);
      const lon = await numberOf(page, fr.place_edit_field_lon);
      await page.getByRole('button', { name: fr.place_edit_submit }).click();
      await expect(page.getByRole('status')).toHaveText(fr.place_edit_saved);
      await expect(fact(page, fr.place_address)).toHaveText(`${ADDRESS}, 46140 Luzech`);
      const exact = page.locator('p.source', { hasText: fr.place_coordinates_exact.split(':')[0]! });
      await expect(exact).toContainText(String(lat).replace('.', ',').slice(0, 6));
      await expect(exact).toContainText(String(lon).replace('.', ',').slice(0, 5));
      const api = (await (await page.request.get(`/api/v1/places/${slug}`)).json()) as { lat: number; lon: number; coordinatesExact: boolean; address: string };
      expect(api).toMatchObject({ coordinatesExact: true, address: ADDRESS });
      expect(api.lat).toBeCloseTo(lat, 5);
      expect(api.lon).toBeCloseTo(lon, 5);

      // Back to the commune's centre: the inputs empty, the pin gone.
      await page.goto(`/lieux/${slug}/modifier`);
      await expect(pin).toBeVisible();
      await page.getByLabel(fr.place_edit_use_commune_centre).check();
      await expect(page.getByLabel(fr.place_edit_field_lat, { exact: true })).toHaveValue('');
      await expect(pin).toHaveCount(0);
      await page.getByRole('button', { name: fr.place_edit_submit }).click();
      await expect(page.getByRole('status')).toHaveText(fr.place_edit_saved);
      await expect(page.getByText(fr.place_coordinates_commune)).toBeVisible();
      expect(((await (await page.request.get(`/api/v1/places/${slug}`)).json()) as { coordinatesExact: boolean }).coordinatesExact).toBe(false);
    });
  });
}

test('a new place: the map goes to the commune typed, before the form is sent', async ({ page }) => {
  await signIn(page, OPERATOR.email);
  await page.goto('/lieux/nouveau');
  // The map opens on France: no commune chosen yet.
  await expect(page.getByRole('region', { name: fr.place_edit_pin_map_label })).toBeVisible();
  await expect(page.getByRole('button', { name: fr.place_edit_pin_at_centre })).toBeEnabled();
  await page.getByLabel(fr.place_edit_field_commune, { exact: true }).fill('46140');
  const found = page.waitForResponse((response) => response.url().includes('/api/v1/communes?postalCode=46140'));
  await page.getByLabel(fr.place_edit_field_commune, { exact: true }).press('Tab');
  await found;
  await page.getByRole('button', { name: fr.place_edit_pin_at_centre }).click();
  expect(await numberOf(page, fr.place_edit_field_lat)).toBeCloseTo(44.5, 0);
  expect(await numberOf(page, fr.place_edit_field_lon)).toBeCloseTo(1.3, 0);
});

test('API: a pin outside France or too far from the commune is refused field by field, and changes nothing', async ({ page }) => {
  const slug = await newPlaceForm(page);
  const abroad = await expectProblem(await page.request.patch(`/api/v1/places/${slug}`, { data: { lat: 1.2871, lon: 44.4812 } }), 400);
  expect(abroad.code).toBe('place_coordinates_outside_france');
  expect(abroad.errors?.map((e) => e.path)).toEqual(['lat']);
  const far = await expectProblem(await page.request.patch(`/api/v1/places/${slug}`, { data: { lat: 48.8566, lon: 2.3522 } }), 400);
  expect([far.code, far.detail]).toEqual(['place_coordinates_far_from_commune', msg(fr, 'error_place_coordinates_far_from_commune', { km: 493, max: 60, commune: 'Luzech' })]);
  expect(((await (await page.request.get(`/api/v1/places/${slug}`)).json()) as { coordinatesExact: boolean }).coordinatesExact).toBe(false);
  const pinned = await page.request.patch(`/api/v1/places/${slug}`, { data: { address: ADDRESS, lat: 44.4812, lon: 1.2871 } });
  expect(pinned.status()).toBe(200);
  expect(await pinned.json()).toMatchObject({ address: ADDRESS, lat: 44.4812, lon: 1.2871, coordinatesExact: true });
  const back = await page.request.patch(`/api/v1/places/${slug}`, { data: { coordinatesExact: false } });
  expect(await back.json()).toMatchObject({ coordinatesExact: false });
});

test.describe('without JavaScript', () => {
  test('a new place: the commune by its postal code (one chosen among those it serves), the pin typed; abroad, too far or no commune are refused beside their field @nojs', async ({ page }) => {
    const name = `Atelier du quai ${unique()}`;
    await signIn(page, OPERATOR.email);
    await page.goto('/lieux/nouveau');
    await page.getByLabel(fr.place_edit_field_name).fill(name);
    // Other tests may have made the operator a member of more organizations: it says which one runs the place.
    await page.getByLabel(fr.place_edit_field_operator_organization).selectOption({ label: DEMO_OPERATOR_NAME });
    const commune = page.getByLabel(fr.place_edit_field_commune, { exact: true });
    // A postal code of no commune.
    await commune.fill('46999');
    await page.getByLabel(fr.place_edit_field_address, { exact: true }).fill(ADDRESS);
    await page.getByLabel(fr.place_edit_field_lat, { exact: true }).fill(PIN.lat);
    await page.getByLabel(fr.place_edit_field_lon, { exact: true }).fill(PIN.lon);
    await page.getByRole('button', { name: fr.place_edit_create_submit }).click();
    await expect(commune).toHaveAccessibleDescription(including(msg(fr, 'error_commune_no_match', { query: '46999' })));
    await expect(page.getByLabel(fr.place_edit_field_address, { exact: true })).toHaveValue(ADDRESS);
    await expect(page.getByLabel(fr.place_edit_field_lat, { exact: true })).toHaveValue(PIN.lat);

    // A postal code serving several communes: the person chooses.
    await commune.fill('46140');
    await page.getByRole('button', { name: fr.place_edit_create_submit }).click();
    await expect(commune).toHaveAccessibleDescription(including(msg(fr, 'error_commune_choose_one', { query: '46140' })));
    await page.getByLabel(fr.simulator_choose_commune).selectOption({ label: 'Luzech (46140) — 46' });
    // Swapped: outside France.
    await page.getByLabel(fr.place_edit_field_lat, { exact: true }).fill(PIN.lon);
    await page.getByLabel(fr.place_edit_field_lon, { exact: true }).fill(PIN.lat);
    await page.getByRole('button', { name: fr.place_edit_create_submit }).click();
    await expect(page.getByLabel(fr.place_edit_field_lat, { exact: true })).toHaveAccessibleDescription(including(fr.error_place_coordinates_outside_france));
    await expect(commune).toHaveValue('Luzech (46140)');
    // In France, in Paris: too far from Luzech, and how far is said.
    await page.getByLabel(fr.place_edit_field_lat, { exact: true }).fill('48,8566');
    await page.getByLabel(fr.place_edit_field_lon, { exact: true }).fill('2,3522');
    await page.getByRole('button', { name: fr.place_edit_create_submit }).click();
    await expect(page.getByLabel(fr.place_edit_field_lat, { exact: true })).toHaveAccessibleDescription(/493 km/);

    await page.getByLabel(fr.place_edit_field_lat, { exact: true }).fill(PIN.lat);
    await page.getByLabel(fr.place_edit_field_lon, { exact: true }).fill(PIN.lon);
    await page.getByRole('button', { name: fr.place_edit_create_submit }).click();
    await expect(page.getByRole('status')).toHaveText(fr.place_edit_created);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(fact(page, fr.place_address)).toHaveText(`${ADDRESS}, 46140 Luzech`);
    await expect(page.getByText(msg(fr, 'place_coordinates_exact', { lat: '44,4812', lon: '1,2871' }))).toBeVisible();

    // The box puts it back at the commune's centre.
    await page.getByRole('link', { name: fr.place_edit_link, exact: true }).click();
    await expect(page.getByLabel(fr.place_edit_field_lat, { exact: true })).toHaveValue('44.4812');
    await page.getByLabel(fr.place_edit_use_commune_centre).check();
    await page.getByRole('button', { name: fr.place_edit_submit }).click();
    await expect(page.getByRole('status')).toHaveText(fr.place_edit_saved);
    await expect(page.getByText(fr.place_coordinates_commune)).toBeVisible();
  });
});
