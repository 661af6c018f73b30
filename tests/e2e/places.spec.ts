import { expect, test, type Locator } from '@playwright/test';
import { addDays, expectProblem, fr, msg, parisToday } from './support';

test.describe('directory of places', () => {
  test('places within 30 km of Cabriès, nearest first; with a meeting room open on Saturday; open one @nojs', async ({ page }) => {
    await page.goto('/lieux');
    await page.getByLabel(fr.places_near).fill('Cabriès');
    await page.getByLabel(fr.places_radius).selectOption('30');
    await page.getByRole('button', { name: fr.places_submit }).click();
    const cards = page.locator('.place-card');
    await expect(cards.first()).toContainText('Ocowork');
    const distances = (await cards.allInnerTexts()).map((text) => Number(/(\d+(?:,\d+)?) km/.exec(text)?.[1]?.replace(',', '.') ?? NaN));
    expect(distances.every((d) => d <= 30)).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    await page.getByLabel(fr.service_meeting_room).check();
    await page.getByLabel(fr.places_open_on).selectOption('sa');
    await page.getByRole('button', { name: fr.places_submit }).click();
    await expect(page).toHaveURL(/openOn=sa/);
    const names = await page.locator('.place-card h3').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    await page.getByRole('link', { name: names[0]! }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(names[0]!);
    await expect(page.getByRole('heading', { name: fr.place_simulator_title })).toBeVisible();
  });

  test('the place page offers the simulator, prefilled with the place', async ({ page }) => {
    await page.goto('/lieux/ocowork-cabries');
    await page.getByLabel(fr.simulator_home).first().fill('Vitrolles (13127)');
    await page.getByLabel(fr.simulator_work).first().fill('Marseille');
    await page.getByRole('button', { name: fr.simulator_submit }).click();
    await expect(page).toHaveURL(/\/simulateur\?/);
    await expect(page.getByRole('heading', { name: fr.simulator_results_title })).toBeVisible();
  });

  test('a bad filter on the page is a 400 that keeps the form and says what is wrong @nojs', async ({ page }) => {
    const response = await page.goto('/lieux?near=13019&maxDayPrice=-1');
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert')).not.toBeEmpty();
    await expect(page.getByRole('button', { name: fr.places_submit })).toBeVisible();
    await expect(page.locator('.place-card')).toHaveCount(0);
  });

  test('a place page pins the place on a map, among the nearest places', async ({ page }) => {
    await page.goto('/lieux/ocowork-cabries');
    const map = page.getByRole('region', { name: msg(fr, 'place_map_label', { name: 'Ocowork' }) });
    await expect(map.locator('.leaflet-container, .leaflet-pane').first()).toBeAttached();
    await expect.poll(() => map.locator('.place-pin, .marker-cluster').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  });

  test('no dead end: a free-desk search with nothing within its radius offers the nearest places to book, with their distance @nojs', async ({ page }) => {
    // Brest: no demo place within 10 km.
    await page.goto(`/reservations?near=29019&date=${addDays(parisToday(), 7)}&radiusKm=10`);
    await expect(page.getByText(msg(fr, 'booking_near_none', { radius: 10 }))).toBeVisible();
    await expect(page.getByRole('heading', { name: msg(fr, 'booking_near_nearest') })).toBeVisible();
    const offered = page.locator('main li').filter({ has: page.locator('a[href^="/lieux/"]') }).filter({ hasText: / km$/ });
    expect(await offered.count()).toBeGreaterThan(0);
    // The nearest bookable place from Brest is the CCVLV's, in Luzech (open in the demo, with its desks).
    await expect(offered.first().getByRole('link', { name: /Vallée du Lot/ })).toBeVisible();
  });

  test('"other places nearby" lists only places within 100 km', async ({ page }) => {
    await page.goto('/lieux/ocowork-cabries');
    await expect(page.getByRole('heading', { name: msg(fr, 'place_nearest') })).toBeVisible();
    // The demo places of the Jura and the Lot are hundreds of km from Cabriès.
    await expect(page.locator('main').getByRole('link', { name: /Vallée du Lot/ })).toHaveCount(0);
  });

  // Around Cabriès: other tests add places in the Lot, so these pages stay the same while they run.
  test('the list goes page by page, with its filters kept @nojs', async ({ page }) => {
    await page.goto('/lieux?near=13019&radiusKm=30&perPage=1');
    const pages = page.getByRole('navigation', { name: fr.pagination_label });
    const total = Number(/(\d+)$/.exec((await pages.locator('[aria-current="page"]').innerText()).trim())?.[1]);
    expect(total).toBeGreaterThanOrEqual(2);
    await expect(pages.getByRole('link', { name: fr.pagination_previous })).toHaveCount(0);
    const first = await page.locator('.place-card').allInnerTexts();
    expect(first).toHaveLength(1);
    await pages.getByRole('link', { name: fr.pagination_next }).click();
    await expect(page).toHaveURL(/[?&]page=2(&|$)/);
    await expect(page).toHaveURL(/[?&]radiusKm=30(&|$)/);
    const second = await page.locator('.place-card').allInnerTexts();
    expect(second.some((card) => first.includes(card))).toBe(false);
    await page.goto(`/lieux?near=13019&radiusKm=30&perPage=1&page=${total}`);
    await expect(pages.getByRole('link', { name: fr.pagination_next })).toHaveCount(0);
    await expect(pages.getByRole('link', { name: fr.pagination_previous })).toBeVisible();
  });

  test('keyboard only: within 30 km of Cabriès, with a meeting room open on Saturday, then open a place', async ({ page }) => {
    /** Presses Tab until `target` has the focus: it must be reachable by the keyboard, in order. */
    const tabTo = async (target: Locator) => {
      for (let presses = 0; presses < 100; presses++) {
        if (await target.evaluate((element) => element === document.activeElement)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`not reachable with Tab: ${target}`);
    };
    await page.goto('/lieux');
    await tabTo(page.getByLabel(fr.places_near));
    await page.keyboard.type('Cabriès');
    await tabTo(page.getByLabel(fr.places_radius));
    await page.keyboard.type('30');
    await expect(page.getByLabel(fr.places_radius)).toHaveValue('30');
    await tabTo(page.getByLabel(fr.service_meeting_room));
    await page.keyboard.press('Space');
    await expect(page.getByLabel(fr.service_meeting_room)).toBeChecked();
    await tabTo(page.getByLabel(fr.places_open_on));
    await page.keyboard.type(fr.weekday_sa.slice(0, 3));
    await expect(page.getByLabel(fr.places_open_on)).toHaveValue('sa');
    await tabTo(page.getByRole('button', { name: fr.places_submit }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/openOn=sa/);
    await expect(page).toHaveURL(/radiusKm=30/);
    const names = await page.locator('.place-card h3').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    await tabTo(page.getByRole('link', { name: names[0]! }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(names[0]!);
  });
});

test.describe('territory views', () => {
  test('the département page gives its places, seats per 10,000 and the share of its two largest communes', async ({ page }) => {
    await page.goto('/territoires/departements/13');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bouches-du-Rhône');
    await expect(page.locator('.place-card')).toHaveCount(3);
    await expect(page.getByText(/Marseille, Aix-en-Provence/)).toBeVisible();
  });
});

test.describe('map of places', () => {
  test('the map view draws the places with Leaflet; the list view does not load it', async ({ page }) => {
    await page.goto('/lieux');
    await expect(page.locator('.place-card').first()).toBeVisible();
    await expect(page.locator('.leaflet-container')).toHaveCount(0);
    await page.getByRole('link', { name: fr.places_view_map }).click();
    await expect(page.locator('.leaflet-container')).toHaveCount(1);
    await expect.poll(() => page.locator('.marker-cluster, .place-pin').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // The list stays beside the map: the same places for screen readers and keyboards.
    await expect(page.locator('.place-card').first()).toBeVisible();
  });
});

test.describe('places API', () => {
  test('search around a commune returns items sorted by distance, with a total', async ({ request }) => {
    const body = await (await request.get('/api/v1/places?near=13019&radiusKm=30')).json();
    expect(body.total).toBe(body.items.length);
    expect(body.items[0].slug).toBe('ocowork-cabries');
    const distances = body.items.map((item: { distanceKm: number }) => item.distanceKm);
    expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
  });

  test('CSV and GeoJSON exports carry the same places and the licence', async ({ request }) => {
    const csv = await request.get('/api/v1/places.csv');
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toContain('code_insee');
    expect(csv.headers()['link']).toMatch(/^<https:\/\/www\.etalab\.gouv\.fr\/licence-ouverte-open-licence\/>; rel="license"; title="Licence Ouverte 2\.0/);
    const geo = await (await request.get('/api/v1/places.geojson')).json();
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.metadata.licence).toContain('Licence Ouverte');
    expect(geo.features.length).toBeGreaterThanOrEqual(4);
  });

  for (const [query, status] of [
    ['?near=13019&radiusKm=0', 400],
    ['?near=13019&radiusKm=100000', 400],
    ['?near=999,999', 400],
    ['?service=jacuzzi', 400],
    ['?openOn=xx', 400],
    ['?maxDayPrice=-1', 400],
    ['?perPage=1000', 400],
    ['/no-such-place', 404],
  ] as const) {
    test(`${query} → ${status}`, async ({ request }) => {
      const problem = await expectProblem(await request.get(`/api/v1/places${query}`), status);
      expect(problem.detail.length).toBeGreaterThan(5);
    });
  }
});
