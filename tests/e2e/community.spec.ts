import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, expectNoViolations, fr, signIn } from './support';

/*
 * The skills directory as people meet it. A company near Luzech (the demo operator) looks for a web developer
 * within 20 km, finds the demo coworker (who says so in her profile) and writes to her without seeing her
 * address; she replies, the company then sees her address; both confirm the collaboration. Without
 * JavaScript and with the keyboard only, the directory and a profile work; axe finds nothing on either.
 */

const MEMBER = DEMO_ACCOUNTS.coworker;
const COMPANY = DEMO_ACCOUNTS.operator;

async function signedInPage(browser: Browser, email: string, width = 1366): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** The directory's form: a skill, a commune typed, a radius; submitted as a GET. */
async function searchDirectory(page: Page, skill: string, commune: string, radius: string) {
  await page.goto('/competences');
  await page.getByLabel(fr.community_skill, { exact: true }).selectOption({ label: skill });
  await page.getByLabel(fr.community_near).fill(commune);
  await page.getByLabel(fr.places_radius).selectOption(radius);
  await page.getByRole('button', { name: fr.community_search }).click();
}

test('a company finds a web developer within 20 km of Luzech, writes without seeing her address; she replies; both confirm', async ({ browser }) => {
  test.setTimeout(120_000);
  // The member says she develops websites, publicly (her profile keeps its other skills).
  const member = await signedInPage(browser, MEMBER.email);
  await member.goto('/compte/profil');
  await member.getByLabel('Développement web').check();
  await member.getByLabel(fr.community_visibility_public).check();
  await member.getByRole('button', { name: fr.community_save }).click();
  await expect(member.getByText(fr.community_profile_saved)).toBeVisible();

  // The company searches, nearest first, and finds her with her commune and distance, never her address.
  const company = await signedInPage(browser, COMPANY.email);
  await searchDirectory(company, 'Développement web', 'Luzech', '20');
  await expect(company).toHaveURL(/skill=web-development/);
  const card = company.getByRole('article').filter({ hasText: MEMBER.name });
  await expect(card).toContainText('Luzech');
  await expect(company.locator('main')).not.toContainText('@');
  await card.getByRole('link', { name: MEMBER.name }).click();
  await expect(company.getByRole('heading', { level: 1, name: MEMBER.name })).toBeVisible();
  await expect(company.locator('main')).not.toContainText(MEMBER.email);
  await company.getByLabel(fr.community_message).fill('Bonjour, nous cherchons quelqu’un pour refaire le site de la coopérative.');
  await company.getByRole('button', { name: fr.community_send }).click();
  await expect(company.getByText(fr.community_sent)).toBeVisible();
  await expect(company.getByText(fr.community_address_hidden)).toBeVisible();
  await expect(company.locator('main')).not.toContainText(MEMBER.email);
  const conversation = new URL(company.url()).pathname;

  // The member reads it in the app (her address and the company's stay hidden) and replies.
  await member.goto('/compte/messages');
  await member.getByRole('link', { name: COMPANY.name }).first().click();
  await expect(member.getByText('refaire le site de la coopérative')).toBeVisible();
  await expect(member.locator('main')).not.toContainText(COMPANY.email);
  await member.getByLabel(fr.community_reply).fill('Avec plaisir : appelons-nous cette semaine.');
  await member.getByRole('button', { name: fr.community_send }).click();
  await expect(member.getByText(fr.community_sent)).toBeVisible();

  // Now the company sees her address, and confirms that it led to work.
  await company.goto(conversation);
  await expect(company.getByRole('link', { name: MEMBER.email })).toBeVisible();
  await company.getByLabel(fr.community_amount).selectOption({ label: fr.community_amount_1k_5k });
  await company.getByRole('button', { name: fr.community_collaboration_confirm }).click();
  await expect(company.getByText(fr.community_collaboration_waiting)).toBeVisible();

  await member.goto(conversation);
  await member.getByRole('button', { name: fr.community_collaboration_confirm }).click();
  await expect(member.getByText(fr.community_collaboration_confirmed)).toBeVisible();
  await member.context().close();
  await company.context().close();
});

test('the directory and a profile: axe finds nothing, at 1366 and 375 px', async ({ page }) => {
  for (const width of [1366, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/competences?skill=web-development&near=46182&radiusKm=20');
    await expect(page.getByRole('heading', { level: 2, name: /profil/ })).toBeVisible();
    await expectNoViolations(page);
    await page.getByRole('article').first().getByRole('link').click();
    await expect(page.getByRole('heading', { level: 2, name: fr.community_contact_title })).toBeVisible();
    await expectNoViolations(page);
  }
});

test('keyboard only: search the directory and open a profile', async ({ page }) => {
  await page.goto('/competences');
  await page.getByLabel(fr.community_skill, { exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(fr.community_q)).toBeFocused();
  await page.keyboard.type('photographe');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=photographe/);
  // The first result's link is reached by Tab from the results heading's region.
  const link = page.getByRole('article').first().getByRole('link');
  await expect(link).toHaveText('Bastien Lacombe');
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Bastien Lacombe' })).toBeVisible();
});

test.describe('without JavaScript @nojs', () => {
  test('a visitor searches by skill and distance, opens a profile and is asked to sign in to write', async ({ page }) => {
    await searchDirectory(page, 'Développement web', 'Luzech', '20');
    await expect(page.getByRole('article').filter({ hasText: 'Julien Ferrand' })).toContainText('Catus');
    // A members-only profile is not shown to a visitor.
    await page.goto('/competences?skill=translation');
    await expect(page.getByText('Sofia Almeida')).toHaveCount(0);
    await page.goto('/competences?q=julien');
    await page.getByRole('link', { name: 'Julien Ferrand' }).click();
    await expect(page.getByText(fr.community_contact_sign_in)).toBeVisible();
    // A radius over 200 km is refused with a message, in a 400.
    const response = await page.goto('/competences?near=46182&radiusKm=500');
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText(fr.error_community_radius_invalid);
  });

  test('a member edits a profile and writes to another, without JavaScript', async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.council.email);
    await page.goto('/compte/profil');
    await page.getByLabel(fr.community_public_name).fill('Élise, CC Vallée du Lot');
    await page.getByLabel(fr.community_free_skills).fill('Développement WEB, Marchés  publics, taille de pierre');
    await page.getByLabel(fr.community_visibility_members).check();
    await page.getByRole('button', { name: fr.community_save }).click();
    await expect(page.getByText(fr.community_profile_saved)).toBeVisible();
    // Typed another way, a listed skill is the listed one; a new one is kept as typed.
    await expect(page.getByLabel('Développement web')).toBeChecked();
    await expect(page.getByLabel(fr.community_free_skills)).toHaveValue('taille de pierre');
    await page.goto('/competences?q=julien');
    await page.getByRole('link', { name: 'Julien Ferrand' }).click();
    await page.getByLabel(fr.community_message).fill('Bonjour, un marché de refonte du site intercommunal va paraître.');
    await page.getByRole('button', { name: fr.community_send }).click();
    await expect(page.getByText(fr.community_sent)).toBeVisible();
  });
});

test('a member reports a conversation and blocks its author; the administrator finds it in the queue and closes it', async ({ browser }) => {
  test.setTimeout(120_000);
  const writer = await signedInPage(browser, DEMO_ACCOUNTS.council.email);
  await writer.goto('/competences?q=camille');
  await writer.getByRole('link', { name: MEMBER.name }).click();
  await writer.getByLabel(fr.community_message).fill('Offre exceptionnelle, répondez vite !');
  await writer.getByRole('button', { name: fr.community_send }).click();
  await expect(writer.getByText(fr.community_sent)).toBeVisible();
  const conversation = new URL(writer.url()).pathname;

  const member = await signedInPage(browser, MEMBER.email, 375);
  await member.goto(conversation);
  await expectNoViolations(member);
  await member.getByLabel(fr.community_report_reason).fill('Démarchage');
  await member.getByRole('button', { name: fr.community_report }).click();
  await expect(member.getByText(fr.community_reported_done)).toBeVisible();
  await member.getByRole('button', { name: /^Bloquer/ }).click();
  await expect(member.getByText(fr.community_blocked_done)).toBeVisible();

  // Blocked, the writer's next message is refused with a message, and nothing is added.
  await writer.goto(conversation);
  await writer.getByLabel(fr.community_reply).fill('Encore moi');
  await writer.getByRole('button', { name: fr.community_send }).click();
  await expect(writer.getByRole('alert')).toContainText(fr.error_community_blocked);

  const admin = await signedInPage(browser, DEMO_ACCOUNTS.admin.email);
  await admin.goto('/admin/signalements');
  const report = admin.getByRole('listitem').filter({ hasText: 'Démarchage' }).last();
  await expect(report).toContainText('Offre exceptionnelle');
  await expectNoViolations(admin);
  await report.getByRole('button', { name: fr.community_admin_report_resolve }).click();
  await expect(admin.getByText(fr.community_admin_report_resolved)).toBeVisible();
  // Unblocked again, so that other runs of this journey start from the same place.
  await member.goto(conversation);
  await member.getByRole('button', { name: /^Débloquer/ }).click();
  await expect(member.getByText(fr.community_unblocked_done)).toBeVisible();
  for (const page of [writer, member, admin]) await page.context().close();
});
