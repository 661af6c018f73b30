import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { addDays, addMonths, DEMO_ACCOUNTS, DEMO_PASSWORD, dayText, fr, msg, nextOpenDay as openDayAt, parisToday, resourceBox, signIn } from './support';

// Booking with the demo data of `demo seed` (src/lib/server/booking/demo.ts): the demo coworker holds a
// 10-day carnet at Ocowork (Cabriès), which the demo operator runs; the administrator reads the outbox.
const PLACE = { slug: 'ocowork-cabries', name: 'Ocowork' };
const DESKS = 'Open space';
const ROOM = 'Salle de réunion';
const { admin: ADMIN, operator: OPERATOR, council: COUNCIL, coworker: COWORKER } = DEMO_ACCOUNTS;
/** The council runs its own place, not Ocowork: a stranger to that one. */
const STRANGER = COUNCIL;

/** The next weekday Ocowork's `resource` takes bookings, left open. */
const nextOpenDay = (page: Page, resource: string, from = 2) => openDayAt(page, PLACE.slug, resource, from);

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return page;
}

/** The row of a booking in a table: its day and resource. */
const bookingRow = (page: Page, day: string, resource: string): Locator => page.locator('tbody tr', { hasText: dayText(day) }).filter({ hasText: resource });

test('acceptance: a desk booked with the carnet, e-mailed, in the calendar feed and the operator’s day; cancelled, the unit comes back', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, COWORKER.email);
  await page.goto('/compte/reservations');
  const carnet = page.locator('section', { has: page.getByRole('heading', { name: fr.booking_entitlements_title }) }).getByRole('row', { name: new RegExp(PLACE.name) });
  const unitsBefore = Number(/(\d+) sur 10/.exec(await carnet.innerText())?.[1]);
  expect(unitsBefore).toBeGreaterThan(0);

  const day = await nextOpenDay(page, DESKS);
  const desks = resourceBox(page, DESKS);
  // Before confirming: what the booking will use, a day of the carnet with the days left.
  await expect(desks).toContainText(`${fr.booking_uses_label} ${msg(fr, 'booking_uses_carnet', { days: String(unitsBefore) })}`);
  await desks.getByLabel(fr.booking_period_full).check();
  await desks.getByLabel(fr.booking_payment_label).selectOption('carnet');
  await desks.getByRole('button', { name: msg(fr, 'booking_desk_submit', { name: DESKS }) }).click();
  const confirmation = page.getByRole('status');
  await expect(confirmation).toContainText(msg(fr, 'booking_booked', { resource: DESKS, date: dayText(day), time: '08:00–19:00' }));
  await expect(confirmation).toContainText(fr.booking_booked_carnet);

  await test.step('my bookings: the booking, one carnet day used', async () => {
    await page.goto('/compte/reservations');
    const row = bookingRow(page, day, DESKS);
    await expect(row).toContainText(fr.booking_status_confirmed);
    await expect(row).toContainText(fr.booking_payment_carnet);
    await expect(carnet).toContainText(`${unitsBefore - 1} sur 10`);
  });
  const bookingId = (await bookingRow(page, day, DESKS).getByRole('link', { name: dayText(day), exact: true }).getAttribute('href'))!.split('/').pop()!;

  await test.step('the calendar feed shown on the page has the booking', async () => {
    const feedUrl = await page.locator('a.feed-url').getAttribute('href');
    const feed = await page.request.get(feedUrl!);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toMatch(/^text\/calendar/);
    const ics = await feed.text();
    expect(ics).toContain(`UID:${bookingId}@maillage`);
    expect(ics).toContain(`SUMMARY:${PLACE.name} — ${DESKS}`);
    expect(ics).toContain(`DTSTART:${day.replaceAll('-', '')}T`);
  });

  await test.step('the confirmation e-mail, with its .ics, is in the outbox', async () => {
    const adminPage = await signedInPage(browser, ADMIN.email);
    await adminPage.goto(`/admin/outbox?recipient=${encodeURIComponent(COWORKER.email)}`);
    const subject = msg(fr, 'email_booking_confirmed_subject', { place: PLACE.name });
    const links = await adminPage.getByRole('link', { name: subject, exact: true }).evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')!));
    expect(links.length).toBeGreaterThan(0);
    let found = false;
    for (const href of links) {
      await adminPage.goto(href);
      if (!(await adminPage.locator('pre').innerText()).includes(`${DESKS} à ${PLACE.name}, ${dayText(day)}`)) continue;
      await expect(adminPage.getByRole('listitem').filter({ hasText: 'reservation.ics' })).toContainText('text/calendar');
      found = true;
      break;
    }
    expect(found, 'the confirmation of this booking').toBe(true);
    await adminPage.context().close();
  });

  const operatorPage = await signedInPage(browser, OPERATOR.email);
  const dayView = () => operatorPage.locator('.day-bookings tbody tr', { hasText: COWORKER.name }).filter({ hasText: DESKS });
  await test.step('the operator’s day view for that day shows it', async () => {
    await operatorPage.goto(`/lieux/${PLACE.slug}`);
    await operatorPage.getByRole('link', { name: fr.booking_console_link }).click();
    await expect(operatorPage.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'console_title', { place: PLACE.name }));
    await operatorPage.getByLabel(fr.console_date_label, { exact: true }).fill(day);
    await operatorPage.getByRole('button', { name: fr.console_date_submit }).click();
    await expect(operatorPage.getByRole('heading', { level: 2, name: msg(fr, 'console_day_title', { date: dayText(day) }) })).toBeVisible();
    await expect(dayView()).toContainText(fr.booking_status_confirmed);
    await expect(operatorPage.locator('.day-code strong')).toHaveText(/^\d{6}$/);
  });

  await test.step('someone else can neither see nor cancel it: 404', async () => {
    const stranger = await signedInPage(browser, STRANGER.email);
    const response = await stranger.goto(`/compte/reservations/${bookingId}`);
    expect(response?.status()).toBe(404);
    await expect(stranger.getByRole('alert')).toHaveText(fr.error_booking_not_found);
    const origin = new URL(stranger.url()).origin;
    // The form as a browser without JavaScript sends it (an HTML answer carries the status).
    const cancel = await stranger.request.post(`/compte/reservations/${bookingId}?/cancel`, { form: {}, headers: { origin, accept: 'text/html' } });
    expect(cancel.status()).toBe(404);
    expect(await cancel.text()).toContain(fr.error_booking_not_found);
    await stranger.context().close();
    await page.reload();
    await expect(bookingRow(page, day, DESKS)).toContainText(fr.booking_status_confirmed);
  });

  await test.step('the coworker cancels after confirming; the carnet day comes back; the day view shows it cancelled', async () => {
    await page.getByRole('link', { name: msg(fr, 'booking_cancel_named', { resource: DESKS, date: dayText(day) }) }).click();
    // A step that asks first: nothing is cancelled yet.
    await expect(page.getByText(msg(fr, 'booking_cancel_confirm_question', { resource: DESKS, place: PLACE.name, date: dayText(day) }))).toBeVisible();
    await expect(page.locator('.facts')).toContainText(fr.booking_status_confirmed);
    await page.getByRole('button', { name: fr.booking_cancel_confirm }).click();
    await expect(page.getByRole('status')).toContainText(msg(fr, 'booking_cancelled_carnet', { resource: DESKS, date: dayText(day) }));
    await page.goto('/compte/reservations');
    await expect(bookingRow(page, day, DESKS)).toContainText(fr.booking_status_cancelled);
    await expect(carnet).toContainText(`${unitsBefore} sur 10`);
    await operatorPage.reload();
    await expect(dayView()).toContainText(fr.booking_status_cancelled);
  });

  await test.step('a renewed calendar link replaces the old one', async () => {
    const before = (await page.locator('a.feed-url').getAttribute('href'))!;
    await page.getByRole('button', { name: fr.booking_calendar_renew }).click();
    await expect(page.getByRole('status')).toHaveText(fr.booking_calendar_renewed);
    const after = (await page.locator('a.feed-url').getAttribute('href'))!;
    expect(after).not.toBe(before);
    expect((await page.request.get(before)).status()).toBe(404);
    expect((await page.request.get(after)).status()).toBe(200);
  });
  await operatorPage.context().close();
});

test('anonymous visitors see what is free and sign in to book; a room paid on site, then cancelled @nojs', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // The two projects run this at once: each its own hour.
  const [start, end] = testInfo.project.name === 'no-js' ? ['15:00', '16:00'] : ['10:00', '11:00'];
  const day = await nextOpenDay(page, DESKS, 3);
  await page.goto(`/reservations?near=13019&date=${day}&radiusKm=30`);
  const nearby = page.getByRole('row', { name: new RegExp(PLACE.name) });
  await expect(nearby).toBeVisible();
  await nearby.getByRole('link', { name: PLACE.name }).click();
  await expect(page).toHaveURL(new RegExp(`/lieux/${PLACE.slug}\\?date=${day}`));
  await expect(resourceBox(page, DESKS).getByRole('table')).toContainText(fr.booking_period_full);
  await expect(resourceBox(page, ROOM)).toContainText(fr.booking_room_starts);
  // Anyone sees the room's price and that it is paid on site.
  await expect(resourceBox(page, ROOM)).toContainText(fr.booking_uses_label);
  await expect(page.getByRole('button', { name: msg(fr, 'booking_room_submit', { name: ROOM }) })).toHaveCount(0);

  await page.getByRole('link', { name: fr.booking_sign_in }).click();
  await expect(page).toHaveURL(/\/connexion\?retour=/);
  await page.locator('#field-email').fill(COWORKER.email);
  await page.locator('#field-password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: fr.signin_submit }).click();
  await expect(page).toHaveURL(new RegExp(`/lieux/${PLACE.slug}\\?date=${day}`));

  const room = resourceBox(page, ROOM);
  await room.getByLabel(fr.booking_start_label).fill(start);
  await room.getByLabel(fr.booking_end_label).fill(end);
  await room.getByLabel(fr.booking_payment_label).selectOption('on-site');
  await room.getByRole('button', { name: msg(fr, 'booking_room_submit', { name: ROOM }) }).click();
  await expect(page.getByRole('status')).toContainText(msg(fr, 'booking_booked', { resource: ROOM, date: dayText(day), time: `${start}–${end}` }));
  await expect(page.getByRole('status')).toContainText(/À régler sur place : \d+,\d\d\s€/);

  await page.getByRole('status').getByRole('link', { name: fr.booking_mine_title }).click();
  const row = page.locator('tbody tr', { hasText: dayText(day) }).filter({ hasText: `${start}–${end}` });
  await expect(row).toContainText(fr.booking_payment_on_site);
  await row.getByRole('link', { name: fr.booking_cancel }).click();
  await page.getByRole('button', { name: fr.booking_cancel_confirm }).click();
  // Paid on site: nothing was given back, and the message says so.
  await expect(page.getByRole('status')).toContainText(msg(fr, 'booking_cancelled_on_site', { resource: ROOM, date: dayText(day) }));
  await expect(page.getByRole('status')).not.toContainText(fr.booking_payment_carnet);
  await page.goto('/compte/reservations');
  await expect(page.locator('tbody tr', { hasText: dayText(day) }).filter({ hasText: `${start}–${end}` })).toContainText(fr.booking_status_cancelled);
});

test('bad input gets the clear message and books nothing: a past date, a room outside the hours', async ({ page }) => {
  await signIn(page, COWORKER.email);
  // The place page stays, with the message next to the date field and the default day's availability.
  for (const [date, message] of [
    ['2020-01-02', fr.error_booking_day_past],
    ['2026-02-30', fr.error_booking_day_invalid],
    [addDays(parisToday(), 400), msg(fr, 'error_booking_day_too_far', { days: 365 })],
  ]) {
    const response = await page.goto(`/lieux/${PLACE.slug}?date=${date}`);
    expect(response?.status(), date).toBe(400);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(PLACE.name);
    await expect(page.getByRole('alert')).toHaveText(message!);
    await expect(page.getByLabel(fr.booking_date_label)).toHaveAccessibleDescription(message!);
    await expect(resourceBox(page, DESKS)).toBeVisible();
  }
  const response = await page.goto(`/reservations?near=13019&date=2020-01-02`);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('alert')).toHaveText(fr.error_booking_day_past);
  expect((await page.goto('/reservations?near=13019&page=0'))?.status()).toBe(400);
  await expect(page.getByRole('alert')).toHaveText(fr.error_place_page_invalid);
  // A page past the last shows the last: here the only one, so no page links.
  expect((await page.goto('/reservations?near=13019&radiusKm=30&page=9'))?.status()).toBe(200);
  await expect(page.getByRole('row', { name: new RegExp(PLACE.name) })).toBeVisible();
  await expect(page.getByRole('navigation', { name: fr.pagination_label })).toHaveCount(0);

  const day = await nextOpenDay(page, ROOM);
  const room = resourceBox(page, ROOM);
  await room.getByLabel(fr.booking_start_label).fill('06:00');
  await room.getByLabel(fr.booking_end_label).fill('07:00');
  await room.getByRole('button', { name: msg(fr, 'booking_room_submit', { name: ROOM }) }).click();
  await expect(room.getByRole('alert')).toHaveText(fr.error_booking_outside_hours);
  await expect(room.getByLabel(fr.booking_start_label)).toHaveValue('06:00');

  // A form sent with a day already past (a page left open overnight).
  const desks = resourceBox(page, DESKS);
  await desks.locator('input[name="day"]').evaluate((input: HTMLInputElement) => (input.value = '2020-01-02'));
  await desks.getByRole('button', { name: msg(fr, 'booking_desk_submit', { name: DESKS }) }).click();
  await expect(desks.getByRole('alert')).toHaveText(fr.error_booking_day_past);

  await page.goto('/compte/reservations');
  await expect(page.locator('tbody tr', { hasText: dayText(day) }).filter({ hasText: '06:00' })).toHaveCount(0);
});

test.describe('the booking console', () => {
  const LOT = { slug: 'coworking-vallee-du-lot-et-du-vignoble', name: 'Espace de coworking de la Vallée du Lot et du Vignoble' };

  test('is the place team’s only: a coworker gets 403, nobody signed in goes to the sign-in page', async ({ page }) => {
    await page.goto(`/gestion/lieux/${PLACE.slug}`);
    await expect(page).toHaveURL(`/connexion?retour=${encodeURIComponent(`/gestion/lieux/${PLACE.slug}`)}`);
    await signIn(page, COWORKER.email);
    const response = await page.goto(`/gestion/lieux/${PLACE.slug}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('alert')).toHaveText(fr.error_forbidden_action);
    await page.goto(`/lieux/${PLACE.slug}`);
    await expect(page.getByRole('link', { name: fr.booking_console_link })).toHaveCount(0);
  });

  test('the council sets up offers, rules and closures of the place it runs; bad input gets the message beside its form', async ({ page }) => {
    await signIn(page, COUNCIL.email);
    await page.goto(`/gestion/lieux/${LOT.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'console_title', { place: LOT.name }));

    const settings = page.locator('section', { has: page.getByRole('heading', { name: fr.console_settings_title }) });
    await settings.getByLabel(fr.console_field_split).fill('00:30');
    await settings.getByRole('button', { name: fr.console_settings_submit }).click();
    await expect(settings.locator('.field-error')).toHaveText(fr.error_booking_split_invalid);
    await settings.getByLabel(fr.console_field_split).fill('12:30');
    await settings.getByLabel(fr.console_field_notice).fill('48');
    await settings.getByRole('button', { name: fr.console_settings_submit }).click();
    await expect(settings.getByRole('status')).toHaveText(fr.console_settings_saved);
    await expect(settings.getByLabel(fr.console_field_notice)).toHaveValue('48');

    const offers = page.locator('section', { has: page.getByRole('heading', { name: fr.console_offers_title }) });
    const name = `Pass test ${Date.now()}`;
    await offers.getByText(fr.console_offer_new).click();
    const creation = offers.locator('details', { has: page.getByText(fr.console_offer_new) });
    await creation.getByLabel(fr.console_col_name).fill(name);
    await creation.getByLabel(fr.console_field_price).fill('-3');
    await creation.getByRole('button', { name: fr.console_offer_submit }).click();
    await expect(creation.locator('.field-error')).toHaveText(fr.error_booking_price_invalid);
    await creation.getByLabel(fr.console_field_price).fill('12,50');
    await creation.getByRole('button', { name: fr.console_offer_submit }).click();
    await expect(offers.getByRole('status')).toHaveText(fr.console_offer_created);
    await expect(offers.getByRole('row', { name: new RegExp(name) })).toContainText('12,50');
    // Repriced in place: the form opens filled with what the offer says, a bad price is refused beside it.
    const row = offers.getByRole('row', { name: new RegExp(name) });
    await row.getByLabel(msg(fr, 'console_offer_edit_named', { name })).click();
    await expect(row.getByLabel(fr.console_field_price)).toHaveValue('12,5');
    await row.getByLabel(fr.console_field_price).fill('-1');
    await row.getByRole('button', { name: fr.console_offer_save }).click();
    await expect(offers.getByRole('row', { name: new RegExp(name) }).locator('.field-error')).toHaveText(fr.error_booking_price_invalid);
    await offers.getByRole('row', { name: new RegExp(name) }).getByLabel(fr.console_field_price).fill('14');
    await offers.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: fr.console_offer_save }).click();
    await expect(offers.getByRole('status')).toHaveText(fr.console_offer_updated);
    await expect(offers.getByRole('row', { name: new RegExp(name) }).locator('td.number').first()).toHaveText('14,00 €');
    await offers.getByRole('button', { name: msg(fr, 'console_withdraw_named', { name }) }).click();
    await expect(offers.getByRole('status')).toHaveText(fr.console_offer_withdrawn);
    await expect(offers.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);

    const closures = page.locator('section', { has: page.getByRole('heading', { name: fr.console_closures_title }) });
    await closures.getByText(fr.console_closure_new).click();
    await closures.getByLabel(fr.console_field_from).fill(addDays(parisToday(), 40));
    await closures.getByLabel(fr.console_field_to).fill(addDays(parisToday(), 39));
    await closures.getByRole('button', { name: fr.console_closure_submit }).click();
    await expect(closures.locator('.field-error')).toHaveText(fr.error_booking_closure_range_invalid);
    await closures.getByLabel(fr.console_field_to).fill(addDays(parisToday(), 41));
    await closures.getByLabel(fr.console_field_reason).fill('Inventaire');
    await closures.getByRole('button', { name: fr.console_closure_submit }).click();
    await expect(closures.getByRole('status')).toHaveText(fr.console_closure_added);
    await expect(closures.getByRole('row', { name: /Inventaire/ }).first()).toContainText(dayText(addDays(parisToday(), 40)));

    const response = await page.goto(`/gestion/lieux/${LOT.slug}?date=2026-02-30`);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert')).toHaveText(fr.error_booking_day_invalid);
  });
});

test('the week: seven days from the chosen one on the place page and around a commune, as the API counts them', async ({ page }) => {
  const day = addDays(parisToday(), 3);
  await page.goto(`/lieux/${PLACE.slug}?date=${day}`);
  const week = page.getByRole('table', { name: msg(fr, 'booking_week_caption', { date: dayText(day) }) });
  await expect(week.locator('tbody tr')).toHaveCount(7);
  await expect(week.locator('tbody tr[aria-current="date"]')).toHaveCount(1);
  const next = addDays(day, 1);
  await week.locator('tbody tr').nth(1).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`date=${next}`));
  await expect(page.getByRole('heading', { name: msg(fr, 'booking_availability_on', { date: dayText(next) }) })).toBeVisible();

  await page.goto(`/reservations?near=13019&date=${day}&radiusKm=30&days=7`);
  const row = page.getByRole('row', { name: new RegExp(PLACE.name) });
  const cells = row.locator('td');
  await expect(cells).toHaveCount(1 + 7);
  const api = (await (await page.request.get(`/api/v1/availability?near=13019&radiusKm=30&date=${day}&days=7`)).json()) as {
    items: { slug: string; days: { day: string; free: { full: number } }[] }[];
  };
  const expected = api.items.find((item) => item.slug === PLACE.slug)!.days.map((d) => String(d.free.full));
  await expect(cells.locator('a')).toHaveText(expected);
  await cells.nth(3).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/lieux/${PLACE.slug}\\?date=${addDays(day, 2)}`));
});

test('an office rented by the month, seen in my bookings until its last day, then cancelled @nojs', async ({ page }, testInfo) => {
  // Far ahead, and each project its own months: the office is rented whole.
  const day = addDays(parisToday(), testInfo.project.name === 'no-js' ? 270 : 200);
  const last = addDays(addMonths(day, 2), -1);
  const OFFICE = 'Bureau privatif';
  await signIn(page, COWORKER.email);
  await page.goto(`/lieux/${PLACE.slug}?date=${day}`);
  const office = resourceBox(page, OFFICE);
  await expect(office).toContainText(fr.booking_office_free);
  await office.getByLabel(fr.booking_months_label).selectOption('2');
  await office.getByRole('button', { name: msg(fr, 'booking_office_submit', { name: OFFICE }) }).click();
  await expect(page.getByRole('status')).toContainText(msg(fr, 'booking_rented', { resource: OFFICE, from: dayText(day), to: dayText(last) }));
  await expect(resourceBox(page, OFFICE)).toContainText(msg(fr, 'booking_office_rented_until', { date: dayText(last) }));

  await page.goto('/compte/reservations');
  const row = bookingRow(page, day, OFFICE);
  await expect(row).toContainText(msg(fr, 'booking_until', { date: dayText(last) }));
  await expect(row).toContainText(fr.booking_payment_on_site);
  await row.getByRole('link', { name: fr.booking_cancel }).click();
  await page.getByRole('button', { name: fr.booking_cancel_confirm }).click();
  await expect(page.getByRole('status')).toContainText(msg(fr, 'booking_cancelled_on_site', { resource: OFFICE, date: dayText(day) }));
  await page.goto('/compte/reservations');
  await expect(bookingRow(page, day, OFFICE)).toContainText(fr.booking_status_cancelled);
  await page.goto(`/lieux/${PLACE.slug}?date=${day}`);
  await expect(resourceBox(page, OFFICE)).toContainText(fr.booking_office_free);
});
