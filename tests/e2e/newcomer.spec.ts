import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, addDays, dayText, fr, msg, parisToday, resourceBox } from './support';

// The first visit of someone who followed the README: `npm ci && npm run demo` with no variable set, then a
// browser at http://localhost:3000 (tests/e2e/newcomer-server.sh, started by playwright.config.ts). Every
// other spec runs against a server the tests configured; this one runs against what a newcomer gets.
export const NEWCOMER_URL = 'http://localhost:3000';
const PLACE = 'ocowork-cabries';
const DESKS = 'Open space';
const { coworker: COWORKER } = DEMO_ACCOUNTS;

/** A weekday ahead when Ocowork's open space takes bookings; each project books its own days. */
async function openDay(page: Page, from: number): Promise<string> {
  for (let ahead = from; ahead < from + 14; ahead++) {
    const day = addDays(parisToday(), ahead);
    if ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) continue;
    await page.goto(`${NEWCOMER_URL}/lieux/${PLACE}?date=${day}`);
    const box = resourceBox(page, DESKS);
    await expect(box).toHaveCount(1);
    if ((await box.getByText(fr.booking_closed_day).count()) === 0) return day;
  }
  throw new Error(`${DESKS} is not bookable in the next days`);
}

test('@nojs a newcomer at http://localhost:3000 signs in, books a desk and cancels it', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(NEWCOMER_URL);
  await expect(page).toHaveURL(`${NEWCOMER_URL}/`);
  await page.goto(`${NEWCOMER_URL}/connexion`);
  await page.locator('#field-email').fill(COWORKER.email);
  await page.locator('#field-password').fill(DEMO_PASSWORD);
  await page.locator('#field-password').press('Enter');
  await expect(page, 'the sign-in form post is accepted').not.toHaveURL(/\/connexion/);
  await expect(page.getByText(fr.error_cross_site_form)).toHaveCount(0);

  const day = await openDay(page, testInfo.project.name === 'no-js' ? 30 : 16);
  const desks = resourceBox(page, DESKS);
  await desks.getByLabel(fr.booking_period_full).check();
  await desks.getByLabel(fr.booking_payment_label).selectOption('carnet');
  await desks.getByRole('button', { name: msg(fr, 'booking_desk_submit', { name: DESKS }) }).click();
  await expect(page.getByRole('status')).toContainText(msg(fr, 'booking_booked', { resource: DESKS, date: dayText(day), time: '08:00–19:00' }));

  await page.goto(`${NEWCOMER_URL}/compte/reservations`);
  const feed = await page.locator('a.feed-url').getAttribute('href');
  expect(feed, 'the calendar feed is on the address the browser uses').toMatch(new RegExp(`^${NEWCOMER_URL}/calendrier/`));
  const row = page.locator('tbody tr', { hasText: dayText(day) }).filter({ hasText: DESKS });
  await expect(row).toContainText(fr.booking_status_confirmed);
  await row.getByRole('link', { name: fr.booking_cancel }).click();
  await page.getByRole('button', { name: fr.booking_cancel_confirm }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await page.goto(`${NEWCOMER_URL}/compte/reservations`);
  await expect(page.locator('tbody tr', { hasText: dayText(day) }).filter({ hasText: DESKS })).toContainText(fr.booking_status_cancelled);
});

test('@nojs a form posted from another site is refused in French, on the page, and changes nothing', async ({ page }) => {
  await page.goto(`${NEWCOMER_URL}/connexion`);
  // A page elsewhere that posts to the sign-in form: the browser sends its own Origin.
  await page.route('http://elsewhere.test/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<form method="post" action="${NEWCOMER_URL}/connexion?/password"><input name="email" value="${COWORKER.email}"><input name="password" value="${DEMO_PASSWORD}"><button>go</button></form>`,
    }),
  );
  await page.goto('http://elsewhere.test/');
  const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'go' }).click()]);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('alert')).toContainText(fr.error_cross_site_form);
  await expect(page.locator('#field-email'), 'the sign-in page is shown, not bare text').toBeVisible();
  await page.goto(`${NEWCOMER_URL}/compte`);
  await expect(page, 'still signed out').toHaveURL(/\/connexion/);
});
