import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, en, expectProblem, fr, msg, signIn } from './support';

const PASSWORD = 'une phrase de passe assez longue';
let counter = 0;
const newAddress = (label: string) => `${label}.${Date.now().toString(36)}${++counter}@example.org`;

/** The latest e-mail verification link sent to `email`, read in the outbox by the demo administrator. */
async function verificationLink(browser: Browser, email: string): Promise<string> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const admin = await context.newPage();
    await signIn(admin, DEMO_ACCOUNTS.admin.email);
    await admin.goto(`/admin/outbox?recipient=${encodeURIComponent(email)}`);
    // Newest first: the first message is the verification just sent.
    await admin.locator('tbody a').first().click();
    const link = await admin.locator('a[href*="/verify-email?"]').first().getAttribute('href');
    expect(link, `verification link for ${email}`).toBeTruthy();
    return link!;
  } finally {
    await context.close();
  }
}

/** Signs up through /inscription and follows the verification link: the person lands on /compte, signed in. */
async function signUpAndVerify(page: Page, browser: Browser, name: string, email: string): Promise<void> {
  await page.goto('/inscription');
  await page.getByLabel(fr.field_name).fill(name);
  await page.getByLabel(fr.field_email).fill(email);
  await page.getByLabel(fr.field_password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: fr.signup_submit }).click();
  await expect(page.getByRole('status')).toHaveText(msg(fr, 'signup_check_mailbox', { email }));
  await page.goto(await verificationLink(browser, email));
  await expect(page).toHaveURL(/\/compte\?bienvenue=1$/);
}

const section = (page: Page, title: string) => page.getByRole('region', { name: title });

test.describe('my account', () => {
  test('sign up, verify, edit the profile, choose consents, see the session, download my data, delete the account @nojs', async ({
    page,
    browser,
    context,
  }) => {
    // The whole life of an account, with a password hashed at each sign-in: more than a minute on a busy machine.
    test.slow();
    const email = newAddress('compte');
    const name = `Noémie Valette ${counter}`;
    await signUpAndVerify(page, browser, name, email);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.account_title);
    await expect(page.getByRole('status').first()).toHaveText(fr.account_welcome);
    await expect(page.getByRole('link', { name: fr.account_organizations_link })).toHaveAttribute('href', '/compte/organisations');

    // Profile: an unknown commune is refused beside its field, and nothing is saved.
    const profile = section(page, fr.account_profile_title);
    await expect(profile.getByLabel(fr.field_name)).toHaveValue(name);
    await profile.getByLabel(fr.account_field_commune).fill('99999');
    await profile.getByLabel(fr.account_field_phone).fill('05 65 30 00 00');
    await profile.getByRole('button', { name: fr.account_profile_submit }).click();
    const communeError = msg(fr, 'error_commune_no_match', { query: '99999' });
    await expect(profile.getByLabel(fr.account_field_commune)).toHaveAccessibleDescription(`${fr.account_field_commune_hint} ${communeError}`);
    await expect(profile.getByLabel(fr.account_field_commune)).toHaveAttribute('aria-invalid', 'true');
    await expect(profile.getByLabel(fr.account_field_commune)).toHaveValue('99999');
    await page.goto('/compte');
    await expect(section(page, fr.account_profile_title).getByLabel(fr.account_field_phone)).toHaveValue('');

    // A postal code serving several communes is a question, never a silent choice: 46140 is Luzech's postal code
    // (and Laburgade's INSEE code, which it used to save).
    await profile.getByLabel(fr.field_name).fill(`${name} B.`);
    await profile.getByLabel(fr.account_field_commune).fill('46140');
    await profile.getByLabel(fr.account_field_phone).fill('05 65 30 00 00');
    await profile.getByLabel(fr.account_field_language).selectOption('en');
    await profile.getByRole('button', { name: fr.account_profile_submit }).click();
    await expect(profile.getByLabel(fr.account_field_commune)).toHaveAccessibleDescription(
      `${fr.account_field_commune_hint} ${msg(fr, 'error_commune_choose_one', { query: '46140' })}`,
    );
    await expect(profile.getByText(/Laburgade/)).toHaveCount(0);
    await profile.getByLabel(fr.simulator_choose_commune).selectOption({ label: 'Luzech (46140) — 46' });
    await profile.getByRole('button', { name: fr.account_profile_submit }).click();
    await expect(profile.getByRole('status')).toHaveText(fr.account_profile_saved);
    await expect(profile.getByText(msg(fr, 'account_commune_current', { name: 'Luzech', code: '46182' }))).toBeVisible();
    await page.goto('/compte');
    await expect(profile.getByLabel(fr.field_name)).toHaveValue(`${name} B.`);
    await expect(profile.getByLabel(fr.account_field_phone)).toHaveValue('05 65 30 00 00');
    await expect(profile.getByLabel(fr.account_field_language)).toHaveValue('en');

    // Consents: each with its text, version and last choice; saving the same choices records nothing.
    const consents = section(page, fr.account_consents_title);
    const listing = consents.getByLabel(fr.consent_directory_listing);
    await expect(listing).not.toBeChecked();
    await expect(consents.locator('#consent-directory-listing-state')).toContainText(fr.account_consent_never);
    await listing.check();
    await consents.getByRole('button', { name: fr.account_consents_submit }).click();
    await expect(consents.getByRole('status')).toHaveText(fr.account_consents_saved);
    await expect(consents.getByLabel(fr.consent_directory_listing)).toBeChecked();
    await expect(consents.locator('#consent-directory-listing-state')).toContainText(fr.account_consent_last_granted.split('{date}')[0]!);
    await expect(consents.locator('#consent-newsletter-state')).toContainText(fr.account_consent_never);
    await consents.getByRole('button', { name: fr.account_consents_submit }).click();
    await expect(consents.getByRole('status')).toHaveText(fr.account_consents_unchanged);

    // Sessions: this one, marked, with its address.
    const sessions = section(page, fr.account_sessions_title);
    const rows = sessions.locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(fr.account_session_current);
    await expect(rows.first()).toContainText('127.0.0.1');
    await expect(rows.first().getByRole('rowheader')).toHaveText(/^Chrome \d+ · Windows$/);
    await expect(sessions.getByText(fr.account_sessions_only_this)).toBeVisible();

    // My data: a JSON file with everything above.
    const download = page.waitForEvent('download');
    await section(page, fr.account_data_title).getByRole('link', { name: fr.account_data_download }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^maillage-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
      profile: { email: string; name: string; homeCommuneCode: string; phone: string; preferredLanguage: string };
      consents: { purpose: string; granted: boolean; textVersion: string }[];
      sessions: { ipAddress: string }[];
      emails: { template: string }[];
    };
    expect(data.profile).toMatchObject({ email, name: `${name} B.`, homeCommuneCode: '46182', phone: '05 65 30 00 00', preferredLanguage: 'en' });
    expect(data.consents).toEqual([expect.objectContaining({ purpose: 'directory-listing', granted: true, textVersion: expect.stringMatching(/^\d{4}-/) })]);
    expect(data.sessions).toEqual([expect.objectContaining({ ipAddress: '127.0.0.1' })]);
    expect(data.emails.map((e) => e.template)).toContain('verify-email');

    // Deletion: the address must be typed exactly; then the person lands on the home page, signed out.
    const cookiesBefore = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const deletion = section(page, fr.account_delete_title);
    await deletion.getByLabel(fr.account_delete_confirm_label).fill('quelqu.un@example.org');
    await deletion.getByRole('button', { name: fr.account_delete_submit }).click();
    await expect(deletion.getByRole('alert')).toHaveText(fr.error_delete_confirmation_mismatch);
    await deletion.getByLabel(fr.account_delete_confirm_label).fill(email.toUpperCase());
    await deletion.getByRole('button', { name: fr.account_delete_submit }).click();
    await expect(page).toHaveURL(/\/\?compte=supprime$/);
    await expect(page.getByRole('status')).toHaveText(fr.account_deleted);
    await expect(page.getByRole('link', { name: fr.nav_sign_in })).toBeVisible();
    expect((await context.cookies()).filter((c) => c.name.includes('session_token'))).toEqual([]);

    await expectProblem(await page.request.get('/api/v1/me/export'), 401);
    // The old cookie is worth nothing either: the session is gone from the server.
    await expectProblem(await page.request.get('/api/v1/me/export', { headers: { cookie: cookiesBefore } }), 401);
    await page.goto('/compte');
    await expect(page).toHaveURL(/\/connexion\?retour=%2Fcompte$/);
  });

  test('ending another session, then every other one, signs those browsers out', async ({ page, browser }) => {
    const email = newAddress('sessions');
    await signUpAndVerify(page, browser, 'Basile Sessions', email);
    const elsewhere = await browser.newContext();
    try {
      const other = await elsewhere.newPage();
      await signIn(other, email, PASSWORD);
      await page.goto('/compte');
      const sessions = section(page, fr.account_sessions_title);
      await expect(sessions.locator('tbody tr')).toHaveCount(2);
      await sessions.getByRole('button', { name: new RegExp(`^${fr.account_session_end}`) }).click();
      await expect(sessions.getByRole('status')).toHaveText(msg(fr, 'account_sessions_ended', { count: 1 }));
      await expect(sessions.locator('tbody tr')).toHaveCount(1);
      await other.goto('/compte');
      await expect(other).toHaveURL(/\/connexion/);

      await signIn(other, email, PASSWORD);
      await page.goto('/compte');
      await expect(sessions.locator('tbody tr')).toHaveCount(2);
      await sessions.getByRole('button', { name: fr.account_sessions_end_others }).click();
      await expect(sessions.getByRole('status')).toHaveText(msg(fr, 'account_sessions_ended', { count: 1 }));
      await other.goto('/compte');
      await expect(other).toHaveURL(/\/connexion/);
      // This browser stays signed in.
      await page.goto('/compte');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.account_title);
    } finally {
      await elsewhere.close();
    }

    // The API answers with the same session cookie.
    const me = await page.request.get('/api/v1/me');
    expect(me.status()).toBe(200);
    expect(me.headers()['cache-control']).toContain('no-store');
    const profile = (await me.json()) as { email: string; name: string; phone: string | null; consents: object };
    expect(profile).toMatchObject({ email, name: 'Basile Sessions', phone: null, consents: {} });

    // Refusals come in the person's language: French so far, English once chosen.
    const wrongType = await expectProblem(await page.request.patch('/api/v1/me', { data: { name: 42, preferredLanguage: 'de' } }), 400);
    expect(wrongType.errors).toEqual([
      { path: 'name', message: fr.error_invalid_value },
      { path: 'preferredLanguage', message: fr.error_language_invalid },
    ]);
    await page.goto('/langue?lang=en&to=/compte');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.account_title);
    const tooLong = await expectProblem(await page.request.patch('/api/v1/me', { data: { name: 'a'.repeat(121) } }), 400);
    expect(tooLong.errors).toEqual([{ path: 'name', message: en.error_name_too_long }]);
    const unknown = await expectProblem(await page.request.patch('/api/v1/me', { data: { homeCommuneCode: '99999' } }), 400);
    expect(unknown.errors).toEqual([{ path: 'homeCommuneCode', message: msg(en, 'error_commune_not_found', { code: '99999' }) }]);
    const notJson = await expectProblem(await page.request.patch('/api/v1/me', { data: Buffer.from('{"name":'), headers: { 'content-type': 'application/json' } }), 400);
    expect(notJson).toMatchObject({ code: 'invalid_json', detail: en.error_invalid_json });
    expect(await (await page.request.get('/api/v1/me')).json()).toEqual(profile);

    const patched = await page.request.patch('/api/v1/me', { data: { phone: '+33 6 00 00 00 00', homeCommuneCode: '46182' } });
    expect(patched.status()).toBe(200);
    expect(await patched.json()).toMatchObject({ name: 'Basile Sessions', phone: '+33 6 00 00 00 00', homeCommune: { code: '46182', name: 'Luzech' } });
  });

  test('the API says 401 to anyone not signed in, in their language', async ({ request }) => {
    for (const path of ['/api/v1/me', '/api/v1/me/export']) {
      const problem = await expectProblem(await request.get(path, { headers: { 'accept-language': 'en' } }), 401);
      expect(problem).toMatchObject({ code: 'sign_in_required', detail: en.error_sign_in_required });
    }
    const patch = await expectProblem(await request.patch('/api/v1/me', { data: { name: 'Personne' } }), 401);
    expect(patch.detail).toBe(fr.error_sign_in_required);
  });

  test('the account page sends anyone not signed in to the sign-in page, and back @nojs', async ({ page }) => {
    await page.goto('/compte');
    await expect(page).toHaveURL(/\/connexion\?retour=%2Fcompte$/);
  });
});
