import { expect, test, type Page } from '@playwright/test';
import { cameraJpeg, DEMO_ACCOUNTS, expectNoViolations, fr, signIn, type DemoAccountKey } from './support';

// Every page the tests know, on a phone 375 px wide: nothing wider than the screen, a header under 64 px, no axe
// violation; signed out, and signed in as the demo account each page is for.
const PHONE = { width: 375, height: 740 };
const PLACE = 'coworking-vallee-du-lot-et-du-vignoble';

const pages: Record<'anonymous' | DemoAccountKey, string[]> = {
  anonymous: [
    '/',
    '/lieux',
    '/lieux?nearText=Cabri%C3%A8s&radiusKm=30&service=meeting-room',
    '/lieux?view=map',
    '/lieux/ocowork-cabries',
    `/lieux/${PLACE}`,
    '/reservations',
    '/reservations?near=13019&radiusKm=30',
    '/reservations?near=13019&radiusKm=30&days=7',
    '/simulateur',
    '/simulateur?homeText=Luzech&workText=Cahors&placeText=Prayssac&days=2&dayPrice=12&detour=1.4',
    '/territoires',
    '/territoires?q=46140',
    '/territoires/communes/46182',
    '/territoires/epci/244600433',
    '/territoires/departements/46',
    '/connexion',
    '/inscription',
    '/mot-de-passe-oublie',
    '/mentions-legales',
    '/donnees-personnelles',
    '/accessibilite',
    '/plan-du-site',
    '/api',
  ],
  coworker: ['/compte', '/compte/reservations', '/compte/organisations', `/lieux/${PLACE}`],
  // The demo operator runs Ocowork; the council runs the Vallée du Lot project place.
  operator: [
    '/compte/lieux',
    '/compte/organisations',
    '/gestion/lieux/ocowork-cabries',
    '/lieux/ocowork-cabries',
    '/lieux/ocowork-cabries/modifier',
    '/lieux/ocowork-cabries/historique',
    '/lieux/nouveau',
  ],
  council: [
    '/compte/lieux',
    '/territoires/epci/244600433',
    '/compte/organisations',
    `/gestion/lieux/${PLACE}`,
    `/lieux/${PLACE}/modifier`,
    `/lieux/${PLACE}/historique`,
  ],
  admin: ['/admin', '/admin/utilisateurs', '/admin/organisations', '/admin/outbox', '/admin/journal'],
};

/** The page's width, and the elements that stick out of the screen (the innermost ones, named as CSS). */
const overflowOf = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('body *')].filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > width + 0.5);
    const innermost = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')} (${Math.round(el.getBoundingClientRect().right)} px: "${(el.textContent ?? '').trim().slice(0, 40)}")`;
    return { scrollWidth: document.documentElement.scrollWidth, widest: innermost.slice(0, 3).map(name) };
  });

async function expectFitsThePhone(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const { scrollWidth, widest } = await overflowOf(page);
  expect(scrollWidth, `${path} is ${scrollWidth} px wide on a ${PHONE.width} px screen; sticking out: ${widest.join(', ')}`).toBeLessThanOrEqual(PHONE.width);
  const header = await page.locator('.site-header').boundingBox();
  expect(header?.height, `header of ${path}`).toBeLessThanOrEqual(64);
  await expectNoViolations(page);
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  // The cards and the place page are measured with a photo, as a place that has photos shows them, and beside a
  // place whose name is one long word, which must wrap rather than widen every card of the list.
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    await signIn(page, DEMO_ACCOUNTS.council.email);
    const place = (await (await page.request.get(`/api/v1/places/${PLACE}`)).json()) as { photos: unknown[]; operatorOrganizationId: string };
    // A cross-border network's place: German compounds are long words.
    const longName = 'Gemeinschaftsarbeitsraumgenossenschaft Vallée du Lot';
    if ((await page.request.get('/api/v1/places/gemeinschaftsarbeitsraumgenossenschaft-vallee-du-lot')).status() === 404) {
      const created = await page.request.post('/api/v1/places', {
        data: { name: longName, kind: 'tiers-lieu', communeCode: '46182', operatorOrganizationId: place.operatorOrganizationId, desks: 4 },
        headers: { origin: new URL(page.url()).origin },
      });
      expect(created.status(), await created.text()).toBe(201);
    }
    if (place.photos.length === 0) {
      const photo = await cameraJpeg();
      const added = await page.request.post(`/api/v1/places/${PLACE}/photos?altFr=${encodeURIComponent('La salle de travail')}`, {
        data: photo,
        headers: { 'content-type': 'image/jpeg', origin: new URL(page.url()).origin },
      });
      expect(added.status(), await added.text()).toBe(201);
    }
    await page.close();
  });

  for (const [who, paths] of Object.entries(pages)) {
    test.describe(who === 'anonymous' ? 'signed out' : `signed in as the demo ${who}`, () => {
      if (who !== 'anonymous') test.beforeEach(({ page }) => signIn(page, DEMO_ACCOUNTS[who as DemoAccountKey].email));
      for (const path of paths) test(`${path} fits the screen`, ({ page }) => expectFitsThePhone(page, path));
    });
  }

  test('the menu opens below the header and fits the screen, with the person’s menu', async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.operator.email);
    await page.goto('/');
    const menu = page.locator('details.menu');
    await expect(menu).not.toHaveAttribute('open');
    await page.locator('.menu > summary').click();
    await expect(menu).toHaveAttribute('open');
    await expect(page.getByRole('navigation', { name: fr.nav_main }).getByRole('link', { name: fr.nav_my_places })).toBeVisible();
    // The person's menu: a disclosure of its own.
    await page.locator('.account-menu > summary').click();
    await expect(page.getByRole('link', { name: fr.nav_my_bookings })).toBeVisible();
    expect((await overflowOf(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await expectNoViolations(page);
  });

  test('the menu works without JavaScript @nojs', async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.operator.email);
    await page.goto('/');
    await page.locator('.menu > summary').click();
    await page.getByRole('navigation', { name: fr.nav_main }).getByRole('link', { name: fr.nav_my_places }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.nav_my_places);
    await expect(page.getByRole('link', { name: fr.place_console_link }).first()).toHaveAttribute('href', /^\/gestion\/lieux\//);
  });
});

test('on a wide screen the header holds in one row, signed in with every menu entry', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  // The council's owner has both "Mes lieux" and "Mon territoire".
  await signIn(page, DEMO_ACCOUNTS.council.email);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: fr.nav_main });
  await expect(nav.getByRole('link', { name: fr.nav_my_territory })).toHaveAttribute('href', '/territoires/epci/244600433');
  await expect(nav.getByRole('link', { name: fr.nav_my_places })).toBeVisible();
  const header = await page.locator('.site-header').boundingBox();
  expect(header?.height).toBeLessThanOrEqual(64);
  // No menu button on a wide screen: the menu is shown as is.
  await expect(page.locator('.menu > summary')).toBeHidden();
  await expectNoViolations(page);
});
