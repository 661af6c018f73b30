import { expect, test, type Browser, type Page } from '@playwright/test';
import nodeIcal from 'node-ical';
import { DEMO_ACCOUNTS, expectNoViolations, fr, msg, signIn } from './support';

/*
 * Events as people meet them: an animator creates a weekly afterwork that crosses a daylight-saving change,
 * skips one week and moves another; the place's feed gives the right local times; a person registers, a second
 * joins the waiting list (by keyboard only), and is given the seat when the first cancels. Works without
 * JavaScript; axe finds nothing on the calendar (list, month, 375 px) and on an event page.
 */
const { operator: OPERATOR, coworker: COWORKER, council: COUNCIL } = DEMO_ACCOUNTS;
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const paris = (date: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(date).replace(' ', 'T');
/** The first Thursday at least two days from today. */
const firstThursday = () => {
  const from = addDays(parisToday(), 2);
  return addDays(from, (4 - new Date(`${from}T12:00:00Z`).getUTCDay() + 7) % 7);
};

async function personPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: test.info().project.name !== 'no-js' });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test('an afterwork across a clock change: skipped and moved weeks, right local times in the feed, a waiting list promoted @nojs', async ({ page, browser, request }) => {
  test.slow();
  const title = `Afterwork ${test.info().project.name} ${Date.now().toString(36)}`;
  const thursday = firstThursday();
  await signIn(page, OPERATOR.email);
  await page.goto('/gestion/evenements');
  await page.getByLabel(fr.events_field_title).fill(title);
  await page.getByLabel(fr.events_field_place).selectOption({ label: 'Ocowork' });
  await page.getByLabel(fr.events_field_start).fill(`${thursday}T19:00`);
  await page.getByLabel(fr.events_field_end).fill(`${thursday}T21:00`);
  await page.getByLabel(fr.events_field_rrule).fill('FREQ=WEEKLY;BYDAY=TH;COUNT=30');
  await page.getByLabel(fr.events_field_capacity).fill('1');
  await page.getByRole('button', { name: fr.events_create }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // Skip the second week, move the third to the Friday at 18:00.
  const rows = page.getByRole('row');
  await rows.nth(2).getByRole('button', { name: fr.events_cancel_occurrence }).click();
  await expect(page.getByText(fr.events_done_cancelled)).toBeVisible();
  const third = page.getByRole('row').nth(3);
  const friday = addDays(thursday, 15);
  await third.locator('summary').click();
  await third.getByLabel(fr.events_field_start).fill(`${friday}T18:00`);
  await third.getByLabel(fr.events_field_end).fill(`${friday}T20:00`);
  await third.getByRole('button', { name: fr.events_move }).click();
  await expect(page.getByText(fr.events_done_moved)).toBeVisible();

  // The place's feed: 30 weeks at 19:00 in Paris on both sides of the change, the skipped one cancelled, the moved one on Friday.
  const feed = await (await request.get('/calendrier/lieux/ocowork-cabries.ics')).text();
  const events = (Object.values(nodeIcal.sync.parseICS(feed)) as { type: string; summary?: string; start: Date; status?: string }[]).filter((e) => e.type === 'VEVENT' && e.summary === title);
  expect(events).toHaveLength(30);
  const byStart = events.map((e) => paris(e.start)).sort();
  expect(byStart.filter((s) => s.endsWith('T19:00'))).toHaveLength(29);
  expect(byStart).toContain(`${friday}T18:00`);
  expect(events.filter((e) => e.status === 'CANCELLED').map((e) => paris(e.start))).toEqual([`${addDays(thursday, 7)}T19:00`]);
  expect(new Set(events.map((e) => e.start.getUTCHours())).size).toBeGreaterThan(1);

  // The first date: one seat. A person takes it, a second waits (keyboard only), the first cancels, the second is seated.
  await page.goto('/gestion/evenements');
  await page.getByRole('link', { name: title }).click();
  const firstDate = await page.getByRole('row').nth(1).getByRole('link').first().getAttribute('href');
  const coworker = await personPage(browser, COWORKER.email);
  await coworker.goto(firstDate!);
  await coworker.getByRole('button', { name: fr.events_register, exact: true }).click();
  await expect(coworker.getByText(fr.events_registered_confirmed)).toBeVisible();
  await expect(coworker.getByText(fr.events_you_are_registered)).toBeVisible();

  const council = await personPage(browser, COUNCIL.email);
  await council.goto(firstDate!);
  const join = council.getByRole('button', { name: fr.events_join_waitlist });
  await expect(join).toBeVisible();
  for (let i = 0; i < 80 && !(await join.evaluate((button) => button === document.activeElement)); i++) await council.keyboard.press('Tab');
  await expect(join).toBeFocused();
  await council.keyboard.press('Enter');
  await expect(council.getByText(msg(fr, 'events_you_are_waiting', { position: 1 }))).toBeVisible();

  await coworker.getByRole('button', { name: fr.events_cancel_registration }).click();
  await expect(coworker.getByText(fr.events_registration_cancelled)).toBeVisible();
  await council.reload();
  await expect(council.getByText(fr.events_you_are_registered)).toBeVisible();
  // Their own list says so too; the one who cancelled no longer has the date in theirs.
  await council.goto('/compte/evenements');
  await expect(council.locator('.place-card', { hasText: title })).toContainText(fr.events_you_are_registered);
  await coworker.goto('/compte/evenements');
  await expect(coworker.getByRole('heading', { level: 1, name: fr.events_mine_title })).toBeVisible();
  await expect(coworker.locator('.place-card', { hasText: title })).toHaveCount(0);

  // The organizer sees the registrant seated and checks them in.
  await page.goto(`/gestion/evenements/${firstDate!.split('/').pop()!.split('_')[0]}/${firstDate!.split('/').pop()}`);
  await page.getByRole('button', { name: new RegExp(fr.events_check_in) }).click();
  await expect(page.getByText(fr.events_checked_in, { exact: true })).toBeVisible();
  await coworker.context().close();
  await council.context().close();
});

test('the calendar filters without JavaScript, and a month view @nojs', async ({ page }) => {
  await page.goto('/evenements');
  await page.getByLabel(fr.events_filter_territory).selectOption({ label: 'Lot (46)' });
  await page.getByRole('button', { name: fr.events_filter_submit }).click();
  await expect(page).toHaveURL(/territory=departement%3A46/);
  await expect(page.getByRole('link', { name: 'Atelier numérique : se lancer en indépendant' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Afterwork des coworkers' })).toHaveCount(0);
  await page.getByRole('link', { name: fr.events_view_month }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await page.getByRole('link', { name: new RegExp(fr.events_month_next) }).click();
  await expect(page).toHaveURL(/vue=mois/);
});

test('axe finds nothing on the calendar and an event page, desktop and phone', async ({ page }) => {
  await page.goto('/evenements');
  await expectNoViolations(page);
  await page.goto('/evenements?vue=mois');
  await expectNoViolations(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/evenements');
  await expectNoViolations(page);
  // A full load, as a search engine reads it.
  await page.goto((await page.getByRole('link', { name: 'Afterwork des coworkers' }).first().getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1, name: 'Afterwork des coworkers' })).toBeVisible();
  // schema.org Event for search engines, in the page's head.
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd).toMatchObject({ '@type': 'Event', name: 'Afterwork des coworkers', location: { '@type': 'Place', name: 'Ocowork' } });
  expect(jsonLd.startDate).toMatch(/T18:30:00\+0[12]:00$/);
  await expectNoViolations(page);
  await page.setViewportSize({ width: 1366, height: 900 });
  await expectNoViolations(page);
});
