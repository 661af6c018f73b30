import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_OPERATOR_NAME } from '../../src/lib/server/accounts/demo-accounts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expectProblem, fr, msg, signIn } from './support';

// The demo council runs its project, the Vallée du Lot place; the demo operator runs Ocowork (`demo seed`);
// the demo coworker runs nothing.
const COUNCIL = DEMO_ACCOUNTS.council;
const OPERATOR = DEMO_ACCOUNTS.operator;
const COWORKER = DEMO_ACCOUNTS.coworker;
const PLACE = '/lieux/coworking-vallee-du-lot-et-du-vignoble';
const OPERATED_PLACE = 'ocowork-cabries';

/** A number of this run, so that tests running at once (with and without JavaScript) tell their changes apart. */
const unique = () => 100 + Math.floor(Math.random() * 900);

/** One day of the opening-hours grid: closed (no ranges) or open in the ranges given. */
async function setDay(page: Page, day: string, ranges: [string, string][]) {
  const row = page.getByRole('group', { name: day, exact: true });
  await row.getByLabel(fr.place_hours_closed_day).setChecked(ranges.length === 0);
  for (const n of [1, 2]) {
    const [from, to] = ranges[n - 1] ?? ['', ''];
    await row.getByLabel(msg(fr, 'place_hours_range_from', { day, n })).fill(from);
    await row.getByLabel(msg(fr, 'place_hours_range_to', { day, n })).fill(to);
  }
}

/** The demo operator's organization, as the API gives it on the place it runs. */
async function demoOperatorId(request: APIRequestContext): Promise<string> {
  const place = (await (await request.get(`/api/v1/places/${OPERATED_PLACE}`)).json()) as { operatorOrganizationId: string };
  expect(place.operatorOrganizationId).toBeTruthy();
  return place.operatorOrganizationId;
}

/** The `dd` of a fact of the place page. */
const fact = (page: Page, label: string) => page.locator('dl.facts dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');

test.describe('editing a place', () => {
  test('the council changes desks and opening hours of the place it runs; the place page and its history show it', async ({ page }) => {
    const desks = unique();
    await signIn(page, COUNCIL.email);
    await page.goto(PLACE);
    await page.getByRole('link', { name: fr.place_edit_link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'place_edit_title', { name: 'Espace de coworking de la Vallée du Lot et du Vignoble' }));
    const before = await page.getByLabel(fr.place_edit_field_desks).inputValue();
    await page.getByLabel(fr.place_edit_field_desks).fill(String(desks));
    for (const day of [fr.weekday_mo, fr.weekday_tu, fr.weekday_we, fr.weekday_th, fr.weekday_fr]) await setDay(page, day, [['08:30', '18:30']]);
    await setDay(page, fr.weekday_sa, [['09:00', '12:30']]);
    await setDay(page, fr.weekday_su, []);
    await page.getByLabel(fr.place_hours_public_holidays).selectOption('closed');
    await page.getByRole('button', { name: fr.place_edit_submit }).click();

    await expect(page).toHaveURL(new RegExp(`${PLACE}\\?enregistre`));
    await expect(page.getByRole('status')).toHaveText(fr.place_edit_saved);
    await expect(fact(page, fr.place_desks)).toHaveText(String(desks));
    await expect(page.getByRole('row', { name: new RegExp(fr.weekday_sa) })).toContainText('09:00–12:30');
    await expect(page.getByText(fr.place_hours_closed_on_public_holidays)).toBeVisible();
    // Visitors read the week, not the syntax it is stored in.
    await expect(page.getByText('Mo-Fr 08:30-18:30')).toHaveCount(0);

    await page.getByRole('link', { name: fr.place_history_link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Vallée du Lot');
    const entry = page.locator('.history > li', { hasText: COUNCIL.name }).filter({ hasText: String(desks) }).first();
    await expect(entry.getByRole('heading', { level: 2 })).toContainText(COUNCIL.name);
    const desksRow = entry.getByRole('row', { name: new RegExp(`^${fr.place_edit_field_desks}`) });
    await expect(desksRow.getByRole('cell')).toHaveText([before === '' ? fr.place_history_empty_value : before, String(desks)]);
    await expect(entry.getByRole('row', { name: new RegExp(`^${fr.place_edit_field_opening_hours}`) })).toContainText('Mo-Fr 08:30-18:30; Sa 09:00-12:30; PH off');
  });

  test('the demo coworker sees no edit link, and gets a 403 on the edit and history pages', async ({ page }) => {
    await signIn(page, COWORKER.email);
    await page.goto(PLACE);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: fr.place_edit_link, exact: true })).toHaveCount(0);
    await expect(page.getByRole('link', { name: fr.place_history_link, exact: true })).toHaveCount(0);
    for (const path of [`${PLACE}/modifier`, `${PLACE}/historique`, '/lieux/nouveau']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'error_page_title', { status: 403 }));
      await expect(page.getByRole('alert')).toHaveText(path === '/lieux/nouveau' ? fr.error_place_edit_no_operator : fr.error_forbidden_action);
    }
  });

  test('nobody signed in is sent to the sign-in page, and back to the form after', async ({ page }) => {
    await page.goto(`${PLACE}/modifier`);
    await expect(page).toHaveURL(`/connexion?retour=${encodeURIComponent(`${PLACE}/modifier`)}`);
    await page.getByLabel(fr.field_email).first().fill(COUNCIL.email);
    await page.getByLabel(fr.field_password, { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: fr.signin_submit }).click();
    await expect(page).toHaveURL(`${PLACE}/modifier`);
    await expect(page.getByLabel(fr.place_edit_field_name)).toHaveValue(/Vallée du Lot/);
  });

  test('without JavaScript: a new place, errors shown per field with the values kept, markup kept inert @nojs', async ({ page }) => {
    const name = `Atelier partagé ${unique()}`;
    const markup = '<script>window.pwned = true</script><b>gras</b>';
    await signIn(page, OPERATOR.email);
    await page.goto('/lieux');
    await page.getByRole('link', { name: fr.place_edit_add_link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.place_edit_new_title);
    await page.getByLabel(fr.place_edit_field_name).fill(name);
    await page.getByLabel(fr.place_edit_field_kind).selectOption('fablab');
    await page.getByLabel(fr.place_edit_field_operator_organization).selectOption({ label: DEMO_OPERATOR_NAME });
    await page.getByLabel(fr.place_edit_field_description_fr).fill(markup);
    await page.getByLabel(fr.place_edit_field_commune, { exact: true }).fill('46182');
    await page.getByLabel(fr.place_edit_field_lat).fill('44,4794');
    await page.getByLabel(fr.place_edit_field_desks).fill('douze');
    // No price is typed into a place: it will come from its offers.
    await expect(page.getByText(fr.place_edit_hint_price_new)).toBeVisible();
    await expect(page.getByLabel(fr.place_edit_field_day_price)).toHaveCount(0);
    await setDay(page, fr.weekday_mo, [['18:00', '09:00']]);
    await page.getByLabel(fr.service_kitchen).check();
    await page.getByRole('button', { name: fr.place_edit_create_submit }).click();

    // Refused: a message per field, the rest as typed.
    await expect(page.getByRole('alert')).toHaveText(fr.place_edit_errors_below);
    await expect(page.getByLabel(fr.place_edit_field_desks)).toHaveAccessibleDescription(fr.error_place_desks_invalid);
    await expect(page.getByLabel(fr.place_edit_field_lon)).toHaveAccessibleDescription(`${fr.place_edit_hint_coordinates} ${fr.error_place_coordinates_incomplete}`);
    await expect(page.getByRole('group', { name: fr.weekday_mo, exact: true })).toHaveAccessibleDescription(fr.error_place_hours_close_before_open);
    await expect(page.getByLabel(msg(fr, 'place_hours_range_from', { day: fr.weekday_mo, n: 1 }))).toHaveValue('18:00');
    await expect(page.getByLabel(fr.place_edit_field_name)).toHaveValue(name);
    await expect(page.getByLabel(fr.place_edit_field_description_fr)).toHaveValue(markup);
    await expect(page.getByLabel(fr.place_edit_field_kind)).toHaveValue('fablab');
    await expect(page.getByLabel(fr.service_kitchen)).toBeChecked();

    await page.getByLabel(fr.place_edit_field_lat).fill('');
    await page.getByLabel(fr.place_edit_field_desks).fill('4');
    await setDay(page, fr.weekday_mo, [['09:00', '17:00']]);
    await page.getByRole('button', { name: fr.place_edit_create_submit }).click();

    await expect(page).toHaveURL(/\/lieux\/atelier-partage-\d+\?cree$/);
    await expect(page.getByRole('status')).toHaveText(fr.place_edit_created);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    const description = page.locator('p.description');
    await expect(description).toHaveText(markup);
    await expect(description.locator('script, b')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { pwned?: boolean }).pwned ?? false).catch(() => false)).toBe(false);

    // Then an edit of it, recorded in its history.
    await page.getByRole('link', { name: fr.place_edit_link, exact: true }).click();
    // Its prices are its offers: shown (none yet), with the way to the console where they are set.
    await expect(page.getByRole('region', { name: fr.place_edit_prices_title })).toContainText(fr.place_edit_field_day_price);
    await expect(page.getByRole('link', { name: fr.place_edit_prices_link })).toHaveAttribute('href', /^\/gestion\/lieux\/atelier-partage-\d+#offers-title$/);
    await expect(page.getByLabel(msg(fr, 'place_hours_range_to', { day: fr.weekday_mo, n: 1 }))).toHaveValue('17:00');
    await page.getByLabel(fr.place_edit_field_desks).fill('6');
    // Hours the grid cannot show (a summer timetable) go in the advanced field.
    await page.getByText(fr.place_hours_advanced).click();
    await page.getByLabel(fr.place_hours_advanced_use).check();
    await page.getByLabel(fr.place_hours_advanced_value).fill('Mo-Fr 09:00-18:00; Jul-Aug Mo-Fr 09:00-13:00; PH off');
    await page.getByRole('button', { name: fr.place_edit_submit }).click();
    await expect(fact(page, fr.place_desks)).toHaveText('6');
    await expect(page.getByText(fr.place_hours_varies)).toBeVisible();
    await page.getByRole('link', { name: fr.place_edit_link, exact: true }).click();
    await expect(page.getByLabel(fr.place_hours_advanced_use)).toBeChecked();
    await expect(page.getByLabel(fr.place_hours_advanced_value)).toHaveValue('Mo-Fr 09:00-18:00; Jul-Aug Mo-Fr 09:00-13:00; PH off');
    await page.goBack();
    await page.getByRole('link', { name: fr.place_history_link, exact: true }).click();
    await expect(page.locator('.history > li')).toHaveCount(2);
    await expect(page.locator('.history > li').first().getByRole('heading')).toContainText(OPERATOR.name);
  });

  test('a save made on a version changed since is refused with the conflict message', async ({ page, context }) => {
    await signIn(page, OPERATOR.email);
    const created = await page.request.post('/api/v1/places', {
      data: { name: `Salle des conflits ${unique()}`, kind: 'coworking', communeCode: '46182', operatorOrganizationId: await demoOperatorId(page.request) },
    });
    expect(created.status()).toBe(201);
    const { slug } = (await created.json()) as { slug: string };
    const other = await context.newPage();
    await page.goto(`/lieux/${slug}/modifier`);
    await other.goto(`/lieux/${slug}/modifier`);
    await other.getByLabel(fr.place_edit_field_desks).fill('3');
    await other.getByRole('button', { name: fr.place_edit_submit }).click();
    await expect(other.getByRole('status')).toHaveText(fr.place_edit_saved);

    await page.getByLabel(fr.place_edit_field_desks).fill('5');
    await page.getByRole('button', { name: fr.place_edit_submit }).click();
    await expect(page.getByRole('alert')).toHaveText(fr.error_place_update_conflict);
    await expect(page.getByLabel(fr.place_edit_field_desks)).toHaveValue('5');
    await page.getByRole('link', { name: fr.place_edit_reload }).click();
    await expect(page.getByLabel(fr.place_edit_field_desks)).toHaveValue('3');
  });
});

test.describe('API: creating and changing places', () => {
  test('POST /places: 401 anonymous, 404 for an operator that is not yours, 400 per field, 201 with the place', async ({ page, request }) => {
    const operatorId = await demoOperatorId(request);
    const input = { name: `Tiers-lieu API ${unique()}`, kind: 'tiers-lieu', communeCode: '46182', operatorOrganizationId: operatorId, desks: 4 };
    expect((await expectProblem(await request.post('/api/v1/places', { data: input }), 401)).code).toBe('sign_in_required');

    await signIn(page, COWORKER.email);
    expect((await expectProblem(await page.request.post('/api/v1/places', { data: input }), 404)).code).toBe('organization_not_found');

    await page.context().clearCookies();
    await signIn(page, OPERATOR.email);
    const invalid = await expectProblem(await page.request.post('/api/v1/places', { data: { ...input, desks: -1, website: 'ftp://x' } }), 400);
    expect(invalid.errors?.map((e) => e.path).sort()).toEqual(['desks', 'website']);
    // Prices are the place's offers, set in its console: a body holding one is refused, with the message.
    const priced = await expectProblem(await page.request.post('/api/v1/places', { data: { ...input, dayPrice: 12 } }), 400);
    expect(priced).toMatchObject({ code: 'place_prices_from_offers', detail: fr.error_place_prices_from_offers });
    const created = await page.request.post('/api/v1/places', { data: input, headers: { 'accept-language': 'en' } });
    expect(created.status()).toBe(201);
    const place = (await created.json()) as { id: string; slug: string; desks: number; updatedAt: string };
    expect(place).toMatchObject({ desks: 4, operatorOrganizationId: operatorId, operatorName: DEMO_OPERATOR_NAME });
    expect(created.headers()['location']).toBe(`/api/v1/places/${place.id}`);
    expect(created.headers()['etag']).toBe(`"${place.updatedAt}"`);
  });

  test('PATCH /places/{id}: 200, 409 on a stale If-Match, 403 for others, 401 anonymous', async ({ page, request, browser }) => {
    await signIn(page, OPERATOR.email);
    const created = await page.request.post('/api/v1/places', {
      data: { name: `Lieu modifié ${unique()}`, kind: 'coworking', communeCode: '46182', operatorOrganizationId: await demoOperatorId(page.request) },
    });
    const { id } = (await created.json()) as { id: string };
    const etag = created.headers()['etag']!;
    const changed = await page.request.patch(`/api/v1/places/${id}`, { data: { desks: 9, openingHours: 'Mo-Fr 09:00-18:00' }, headers: { 'if-match': etag } });
    expect(changed.status()).toBe(200);
    expect(await changed.json()).toMatchObject({ desks: 9, openDays: ['mo', 'tu', 'we', 'th', 'fr'] });
    expect(changed.headers()['etag']).not.toBe(etag);

    const stale = await expectProblem(await page.request.patch(`/api/v1/places/${id}`, { data: { desks: 1 }, headers: { 'if-match': etag } }), 409);
    expect(stale.code).toBe('place_update_conflict');
    expect((await expectProblem(await page.request.patch(`/api/v1/places/${id}`, { data: { desks: 'beaucoup' } }), 400)).errors?.[0]?.path).toBe('desks');
    expect((await expectProblem(await request.patch(`/api/v1/places/${id}`, { data: { desks: 1 } }), 401)).code).toBe('sign_in_required');

    const coworker = await browser.newPage();
    await signIn(coworker, COWORKER.email);
    expect((await expectProblem(await coworker.request.patch(`/api/v1/places/${id}`, { data: { desks: 1 } }), 403)).code).toBe('forbidden_action');
    await coworker.close();
    expect(((await (await request.get(`/api/v1/places/${id}`)).json()) as { desks: number }).desks).toBe(9);
  });

  test('a write from another site is refused: form content types by the CSRF check, anything but JSON by the API', async ({ page, baseURL }) => {
    await signIn(page, OPERATOR.email);
    const body = JSON.stringify({ name: 'Lieu piégé', kind: 'coworking', communeCode: '46182', operatorOrganizationId: await demoOperatorId(page.request) });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const crossSite = await page.request.post('/api/v1/places', { data: body, headers: { 'content-type': type, origin: 'https://evil.example' } });
      expect(crossSite.status(), type).toBe(403);
    }
    const patch = await page.request.fetch(`/api/v1/places${PLACE.replace('/lieux', '')}`, {
      method: 'PATCH',
      data: JSON.stringify({ desks: 0 }),
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
    });
    expect(patch.status()).toBe(403);
    // Same origin but not JSON: refused by the route before anything is read.
    const problem = await expectProblem(await page.request.post('/api/v1/places', { data: body, headers: { 'content-type': 'text/plain', origin: baseURL! } }), 415);
    expect(problem.code).toBe('json_required');
    const search = (await (await page.request.get('/api/v1/places?q=piege&status=project&status=open&status=closed')).json()) as { total: number };
    expect(search.total).toBe(0);
  });

  test('the OpenAPI description documents both writes', async ({ request }) => {
    const document = (await (await request.get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: object }>> };
    expect(Object.keys(document.paths['/places']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '415']));
    expect(Object.keys(document.paths['/places/{idOrSlug}']?.patch?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '415']));
  });
});
