import { expect, test } from '@playwright/test';
import { DEMO_OPERATOR_NAME } from '../../src/lib/server/accounts/demo-accounts';
import { DEMO_ACCOUNTS, expectNoViolations, fr, msg, nextOpenDay, resourceBox, settled, signIn } from './support';

const pages: { path: string; status: number }[] = [
  { path: '/', status: 200 },
  { path: '/?nearText=46140', status: 200 },
  { path: '/?near=46182', status: 200 },
  { path: '/territoires', status: 200 },
  { path: '/territoires?q=saint', status: 200 },
  { path: '/territoires?q=46140', status: 200 },
  { path: '/territoires/communes/13019', status: 200 },
  { path: '/territoires/communes/75101', status: 200 },
  { path: '/territoires/epci/244600433', status: 200 },
  { path: '/territoires/communes/99999', status: 404 },
  { path: '/simulateur', status: 200 },
  { path: '/lieux', status: 200 },
  { path: '/lieux?nearText=Cabri%C3%A8s&radiusKm=30&service=meeting-room', status: 200 },
  { path: '/lieux/ocowork-cabries', status: 200 },
  { path: '/lieux/ocowork-cabries?date=2020-01-02', status: 400 },
  { path: '/lieux?view=map', status: 200 },
  { path: '/territoires/departements/13', status: 200 },
  { path: '/simulateur?homeText=46140&workText=Cahors', status: 200 },
  { path: '/simulateur?homeText=Luzech&workText=Cahors&placeText=Prayssac&days=2&dayPrice=12&detour=1.4', status: 200 },
  { path: '/reservations', status: 200 },
  { path: '/reservations?near=13019&radiusKm=30', status: 200 },
  { path: '/reservations?near=13019&radiusKm=30&days=7', status: 200 },
  { path: '/reservations?near=13019&date=2020-01-02', status: 400 },
];

/** Pages that draw a Leaflet map once loaded: checked with the map drawn. */
const MAP_PAGES = ['/lieux?view=map', '/lieux/ocowork-cabries', '/lieux/ocowork-cabries?date=2020-01-02', '/?near=46182'];

for (const { path, status } of pages) {
  test(`axe: ${path}`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(status);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (MAP_PAGES.includes(path)) await expect(page.locator('.leaflet-interactive, .marker-cluster').first()).toBeVisible({ timeout: 30_000 });
    await expectNoViolations(page);
  });
}

test.describe('in English', () => {
  test.use({ locale: 'en-GB', extraHTTPHeaders: { 'accept-language': 'en' } });
  for (const { path, status } of pages.filter((p) => ['/', '/territoires/communes/13019'].includes(p.path))) {
    test(`axe (en): ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(status);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expectNoViolations(page);
    });
  }
});

test('axe: home page with suggestions open', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('searchbox');
  const suggestions = page.locator('ul.suggestions');
  await expect(async () => {
    await box.fill('');
    await box.pressSequentially('saint');
    await expect(suggestions).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expectNoViolations(page);
});

test.describe('signed in as the demo coworker', () => {
  test.beforeEach(({ page }) => signIn(page, DEMO_ACCOUNTS.coworker.email));

  test('axe: /compte', async ({ page }) => {
    const response = await page.goto('/compte?bienvenue=1');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.account_title);
    await expectNoViolations(page);
  });

  test('axe: /compte with a field error shown', async ({ page }) => {
    await page.goto('/compte');
    // An unknown commune: refused, nothing of the demo account changes.
    await page.getByLabel(fr.account_field_commune).fill('99999');
    await page.getByRole('button', { name: fr.account_profile_submit }).click();
    await expect(page.locator('#homeCommuneCode-error')).toBeVisible();
    await expect(page.getByLabel(fr.account_field_commune)).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page);
  });
});

test.describe('signed in as the demo operator', () => {
  const place = '/lieux/ocowork-cabries';
  test.beforeEach(({ page }) => signIn(page, DEMO_ACCOUNTS.operator.email));

  for (const path of [place, `${place}/modifier`, `${place}/historique`, '/lieux/nouveau']) {
    test(`axe: ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoViolations(page);
    });
  }

  test('axe: the place form with its errors shown', async ({ page }) => {
    await page.goto('/lieux/nouveau');
    await page.getByLabel(fr.place_edit_field_name).fill('Lieu à corriger');
    await page.getByLabel(fr.place_edit_field_commune, { exact: true }).fill('46182');
    await page.getByLabel(fr.place_edit_field_desks).fill('-1');
    await page.getByLabel(fr.place_edit_field_languages).fill('français');
    await page.getByRole('button', { name: fr.place_edit_create_submit }).click();
    await expect(page.getByRole('alert')).toHaveText(fr.place_edit_errors_below);
    for (const label of [fr.place_edit_field_desks, fr.place_edit_field_languages]) await expect(page.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page);
  });
});

test.describe('organization pages', () => {
  test('axe: my organizations, the create form with an error, an organization seen by its owner', async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.operator.email);
    expect((await page.goto('/compte/organisations'))?.status()).toBe(200);
    await expectNoViolations(page);
    await settled(page);
    await page.getByLabel(fr.org_field_name).fill('x');
    await page.getByRole('button', { name: fr.org_create_submit }).click();
    await expect(page.locator('#field-name-error')).toBeVisible();
    await expect(page.getByLabel(fr.org_field_name)).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page);
    await page.getByRole('link', { name: DEMO_OPERATOR_NAME }).click();
    await expect(page.getByRole('heading', { level: 1, name: DEMO_OPERATOR_NAME })).toBeVisible();
    await expectNoViolations(page);
  });

  test('axe: an organization with a pending invitation and an invite error; the invitation, seen by the person invited', async ({ page, browser }) => {
    test.slow(); // two people, three pages
    // The operator opens an organization of its own and invites the council's elected person there.
    await signIn(page, DEMO_ACCOUNTS.operator.email);
    await page.goto('/compte/organisations');
    await settled(page);
    const name = `Accessibilité ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    await page.getByLabel(fr.org_field_name).fill(name);
    await page.getByRole('button', { name: fr.org_create_submit }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await settled(page);
    await page.getByLabel(fr.field_email).fill(DEMO_ACCOUNTS.council.email);
    await page.getByRole('button', { name: fr.org_invite_submit }).click();
    await expect(page.getByRole('row', { name: new RegExp(DEMO_ACCOUNTS.council.email) })).toBeVisible();
    await page.getByLabel(fr.field_email).fill('personne@localhost');
    await page.getByRole('button', { name: fr.org_invite_submit }).click();
    await expect(page.locator('#field-email-error')).toBeVisible();
    await expectNoViolations(page);

    const invited = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(invited, DEMO_ACCOUNTS.council.email);
    await invited.goto('/compte/organisations');
    await expect(invited.getByRole('heading', { name: fr.org_invitations_title })).toBeVisible();
    await expectNoViolations(invited);
    await invited.getByRole('link', { name }).click();
    await expect(invited.getByRole('heading', { level: 1 })).toContainText(name);
    await expectNoViolations(invited);
  });
});

test.describe('signed in as the demo administrator', () => {
  test.beforeEach(({ page }) => signIn(page, DEMO_ACCOUNTS.admin.email));

  for (const path of ['/admin', '/admin/utilisateurs', '/admin/utilisateurs?q=demo', '/admin/organisations', '/admin/outbox', '/admin/journal']) {
    test(`axe: ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('tbody tr, .panel').first()).toBeVisible();
      await expectNoViolations(page);
    });
  }

  test('axe: a message of the outbox, and a bad page number', async ({ page }) => {
    await page.goto('/admin/outbox');
    await page.locator('tbody tr').first().getByRole('link').click();
    await expect(page.locator('pre a').first()).toBeVisible();
    await expectNoViolations(page);
    expect((await page.goto('/admin/outbox?page=0'))?.status()).toBe(400);
    await expectNoViolations(page);
  });
});

test('axe: the 403 page of the administration, for a coworker', async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.coworker.email);
  expect((await page.goto('/admin'))?.status()).toBe(403);
  await expectNoViolations(page);
});

test.describe('booking pages', () => {
  const PLACE = 'ocowork-cabries';
  const ROOM = 'Salle de réunion';

  test('axe: the place page with its booking forms and a refusal; my bookings; a booking of mine, cancelled', async ({ page }) => {
    test.slow(); // a booking made and cancelled, five pages
    await signIn(page, DEMO_ACCOUNTS.coworker.email);
    // Three weeks on, late in the day: no other test books this room then.
    await nextOpenDay(page, PLACE, ROOM, 20);
    const room = resourceBox(page, ROOM);
    await room.getByLabel(fr.booking_start_label).fill('06:00');
    await room.getByLabel(fr.booking_end_label).fill('07:00');
    await room.getByRole('button', { name: msg(fr, 'booking_room_submit', { name: ROOM }) }).click();
    await expect(room.getByRole('alert')).toHaveText(fr.error_booking_outside_hours);
    await expectNoViolations(page);

    await room.getByLabel(fr.booking_start_label).fill('17:00');
    await room.getByLabel(fr.booking_end_label).fill('18:00');
    await room.getByRole('button', { name: msg(fr, 'booking_room_submit', { name: ROOM }) }).click();
    await expect(page.getByRole('status')).toContainText(ROOM);
    await page.getByRole('status').getByRole('link', { name: fr.booking_mine_title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.booking_mine_title);
    await expectNoViolations(page);

    const row = page.locator('tbody tr', { hasText: '17:00–18:00' }).filter({ hasText: fr.booking_status_confirmed });
    await row.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/compte\/reservations\/[0-9a-f-]{36}$/);
    await expectNoViolations(page);
    await page.getByRole('link', { name: fr.booking_cancel_this }).click();
    await expect(page.getByRole('button', { name: fr.booking_cancel_confirm })).toBeVisible();
    await expectNoViolations(page);
    await page.getByRole('button', { name: fr.booking_cancel_confirm }).click();
    await expect(page.getByRole('status')).toBeVisible();
    await expectNoViolations(page);
  });

  test('axe: the console of a place, and with a field error', async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.operator.email);
    expect((await page.goto(`/gestion/lieux/${PLACE}`))?.status()).toBe(200);
    await expect(page.locator('.day-code strong')).toBeVisible();
    await expectNoViolations(page);
    await page.getByLabel(fr.console_field_split).fill('00:30');
    await page.getByRole('button', { name: fr.console_settings_submit }).click();
    await expect(page.getByLabel(fr.console_field_split)).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page);
  });

  test('axe: the 403 page of a console, for a coworker', async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.coworker.email);
    expect((await page.goto(`/gestion/lieux/${PLACE}`))?.status()).toBe(403);
    await expectNoViolations(page);
  });
});
