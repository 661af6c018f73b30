import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, fr, msg, signIn } from './support';

// The administration pages, for platform administrators only; the demo accounts come from `demo seed`.
const ADMIN = DEMO_ACCOUNTS.admin;

test('the demo administrator signs in at /connexion, comes back to /admin and reads the outbox', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL('/connexion?retour=%2Fadmin');
  await page.locator('#field-email').fill(ADMIN.email);
  await page.locator('#field-password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: fr.signin_submit }).click();
  await expect(page).toHaveURL('/admin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.admin_title);

  await page.getByRole('navigation', { name: fr.admin_nav_label }).getByRole('link', { name: fr.admin_nav_outbox }).click();
  await expect(page).toHaveURL('/admin/outbox');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.admin_nav_outbox);
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  // The demo sign-ups left their verification messages (other tests may have sent many since: filter).
  await page.getByLabel(fr.admin_outbox_recipient_label).fill(DEMO_ACCOUNTS.coworker.email);
  await page.getByRole('button', { name: fr.admin_outbox_filter_submit }).click();
  await expect(page).toHaveURL(`/admin/outbox?recipient=${encodeURIComponent(DEMO_ACCOUNTS.coworker.email)}`);
  const verification = rows.filter({ hasText: 'verify-email' });
  await expect(verification).toHaveCount(1);
  await expect(verification).toContainText(DEMO_ACCOUNTS.coworker.email);
  await expect(verification).toContainText(fr.admin_status_outbox);
});

test('a newcomer’s verification link is followed from the outbox', async ({ page, browser }) => {
  const newcomer = { name: 'Noé Nouvel-Arrivant', email: `noe.${Date.now()}@example.org` };
  const visitor = await browser.newPage();
  await visitor.goto('/inscription');
  await visitor.getByLabel(fr.field_name).fill(newcomer.name);
  await visitor.getByLabel(fr.field_email).fill(newcomer.email);
  await visitor.getByLabel(fr.field_password).fill('a newcomer password');
  await visitor.getByRole('button', { name: fr.signup_submit }).click();
  await expect(visitor.getByRole('status')).toBeVisible();
  await visitor.close();

  await signIn(page, ADMIN.email);
  await page.goto('/admin/outbox');
  await page.getByLabel(fr.admin_outbox_recipient_label).fill(newcomer.email.toUpperCase());
  await page.getByRole('button', { name: fr.admin_outbox_filter_submit }).click();
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await page.locator('tbody tr').getByRole('link').click();
  await expect(page).toHaveURL(/\/admin\/outbox\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.email_verify_subject);
  const link = page.locator('pre a');
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute('href', /\/api\/auth\/verify-email\?token=/);
  // The link signs the newcomer in (in this browser), their address verified.
  await link.click();
  await expect(page).toHaveURL(/\/compte\?bienvenue=1$/);
  await expect(page.locator('.account-menu > summary')).toContainText(newcomer.name);
});

test('the other pages list accounts, organizations and the audit log', async ({ page }) => {
  await signIn(page, ADMIN.email);
  // The demo accounts (`@demo.maillage.fr`), not the synthetic members of the impact demo (`@synthetique.demo.maillage.fr`).
  await page.goto('/admin/utilisateurs?q=%40demo.maillage.fr');
  const people = page.locator('tbody tr');
  await expect(people).toHaveCount(Object.keys(DEMO_ACCOUNTS).length);
  await expect(people.filter({ hasText: ADMIN.email })).toContainText(fr.admin_role_platform_admin);

  await page.goto('/admin/organisations');
  const council = page.locator('tbody tr', { hasText: 'Vallée du Lot et du Vignoble' });
  await expect(council).toContainText(fr.org_kind_territory);
  await expect(council.getByRole('link')).toHaveAttribute('href', '/territoires/epci/244600433');
  await expect(page.locator('tbody tr', { hasText: 'Coopérative des tiers-lieux du Lot' })).toContainText(fr.org_kind_operator);
  // Each organization has its owner at least: the list counts members as the organization's own page does.
  for (const row of await page.locator('tbody tr').all()) await expect(row.locator(`td[data-label="${fr.admin_col_members}"]`)).not.toHaveText('0');

  await page.goto('/admin/journal');
  // In words, not codes.
  await expect(page.locator('tbody tr', { hasText: fr.audit_organization_transfer_ownership }).first()).toContainText(ADMIN.email);
  await expect(page.locator('tbody')).not.toContainText('organization.transfer-ownership');
});

test('an administrator suspends and restores a person’s sign-in, makes them an administrator and back, from the people list @nojs', async ({ page, browser }) => {
  test.slow(); // two people, several sign-ins
  const person = { name: `Suzanne Suspendue ${Date.now().toString(36)}`, email: `suzanne.${Date.now()}@example.org`, password: 'a suspended password' };
  const visitor = await browser.newPage();
  await visitor.goto('/inscription');
  await visitor.getByLabel(fr.field_name).fill(person.name);
  await visitor.getByLabel(fr.field_email).fill(person.email);
  await visitor.getByLabel(fr.field_password).fill(person.password);
  await visitor.getByRole('button', { name: fr.signup_submit }).click();
  await expect(visitor.getByRole('status')).toBeVisible();

  await signIn(page, ADMIN.email);
  await page.goto(`/admin/utilisateurs?q=${encodeURIComponent(person.email)}`);
  const row = page.locator('tbody tr');
  await expect(row).toHaveCount(1);
  // Not verified yet: the link can be sent again.
  await row.getByRole('button', { name: msg(fr, 'admin_user_resend_named', { name: person.name }) }).click();
  await expect(page.getByRole('status')).toHaveText(fr.admin_user_done_resend);
  await page.goto(`/admin/outbox?recipient=${encodeURIComponent(person.email)}`);
  await expect(page.locator('tbody tr', { hasText: 'verify-email' })).toHaveCount(2);

  // The person verifies their address from the latest message, and is signed in.
  await page.locator('tbody tr').first().getByRole('link').click();
  await visitor.goto((await page.locator('pre a').first().getAttribute('href'))!);
  await expect(visitor).toHaveURL(/\/compte\?bienvenue=1$/);

  await page.goto(`/admin/utilisateurs?q=${encodeURIComponent(person.email)}`);
  await row.getByRole('button', { name: msg(fr, 'admin_user_disable_named', { name: person.name }) }).click();
  await expect(page.getByRole('status')).toHaveText(fr.admin_user_done_disable);
  await expect(row).toContainText(fr.admin_state_disabled);
  // Their session is over, and signing in again says why.
  await visitor.goto('/compte');
  await expect(visitor).toHaveURL(/\/connexion/);
  await visitor.locator('#field-email').fill(person.email);
  await visitor.locator('#field-password').fill(person.password);
  await visitor.getByRole('button', { name: fr.signin_submit }).click();
  await expect(visitor.getByRole('alert')).toHaveText(fr.error_sign_in_disabled);

  await row.getByRole('button', { name: msg(fr, 'admin_user_enable_named', { name: person.name }) }).click();
  await expect(page.getByRole('status')).toHaveText(fr.admin_user_done_enable);
  await row.getByRole('button', { name: msg(fr, 'admin_user_grant_named', { name: person.name }) }).click();
  await expect(row).toContainText(fr.admin_role_platform_admin);
  await row.getByRole('button', { name: msg(fr, 'admin_user_revoke_named', { name: person.name }) }).click();
  await expect(row).toContainText(fr.admin_role_none);

  await visitor.locator('#field-password').fill(person.password);
  await visitor.getByRole('button', { name: fr.signin_submit }).click();
  await expect(visitor).not.toHaveURL(/\/connexion/);
  await visitor.close();

  // Every step is in the audit log, in words.
  await page.goto('/admin/journal');
  for (const action of [fr.audit_user_verification_resend, fr.audit_user_sign_in_disable, fr.audit_user_sign_in_enable, fr.audit_user_platform_admin_grant, fr.audit_user_platform_admin_revoke])
    await expect(page.locator('tbody tr', { hasText: action }).first()).toContainText(ADMIN.email);
});

test('bad addresses get a 400 or a 404 page with a message, not a 500', async ({ page }) => {
  await signIn(page, ADMIN.email);
  for (const [path, status, message] of [
    ['/admin/outbox?page=abc', 400, fr.error_admin_page_invalid],
    ['/admin/outbox?recipient=nobody', 400, fr.error_invalid_email],
    ['/admin/journal?page=0', 400, fr.error_admin_page_invalid],
    [`/admin/utilisateurs?q=${'x'.repeat(101)}`, 400, fr.error_admin_search_invalid],
    ['/admin/outbox/abc', 404, fr.error_admin_outbox_message_not_found],
    ['/admin/outbox/99999999', 404, fr.error_admin_outbox_message_not_found],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(status);
    await expect(page.getByRole('alert')).toHaveText(message);
  }
});

test('a signed-in person who is not an administrator gets a 403 page @nojs', async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.coworker.email);
  for (const path of ['/admin', '/admin/outbox', '/admin/outbox/1', '/admin/journal']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'error_page_title', { status: 403 }));
    await expect(page.getByRole('alert')).toHaveText(fr.error_forbidden_action);
  }
});

test('anonymous visitors are sent to the sign-in page, which brings them back @nojs', async ({ page, request }) => {
  for (const path of ['/admin', '/admin/utilisateurs?q=demo', '/admin/outbox/1', '/admin/journal']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(303);
    expect(response.headers().location).toBe(`/connexion?retour=${encodeURIComponent(path)}`);
  }
  // Signing in there comes back to the page (the first test does it): the form carries the way back.
  await page.goto('/admin/organisations');
  await expect(page).toHaveURL('/connexion?retour=%2Fadmin%2Forganisations');
  await expect(page.locator('form', { has: page.locator('#field-password') })).toHaveAttribute('action', '?/password&retour=%2Fadmin%2Forganisations');
});
