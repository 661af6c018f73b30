import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, fr, msg, settled, signIn } from './support';

// A carnet sold on site is offered to an address: the console answers the same for any address and lists the
// offers by the address typed; the person accepts from the e-mail's link, signed in with that address.

const { admin, operator, council, coworker } = DEMO_ACCOUNTS;
const PLACE = 'ocowork-cabries';

async function personPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return page;
}

test('the console offers a carnet without telling whether an address has an account; the coworker accepts it', async ({ browser }) => {
  // Four people sign in, one after the other (password hashing is slow on purpose).
  test.slow();
  const team = await personPage(browser, operator.email);
  await team.goto(`/gestion/lieux/${PLACE}`);
  const members = team.locator('section', { has: team.getByRole('heading', { name: fr.console_members_title }) });
  const nobody = `personne.${Date.now().toString(36)}@example.org`;
  for (const email of [nobody, coworker.email]) {
    await settled(team);
    await members.getByLabel(fr.console_field_email).fill(email);
    const carnet = await members.getByLabel(fr.console_field_offer).locator('option', { hasText: 'Carnet 10 jours' }).getAttribute('value');
    await members.getByLabel(fr.console_field_offer).selectOption(carnet!);
    await members.getByRole('button', { name: fr.console_grant_submit }).click();
    await expect(members.getByRole('status')).toHaveText(fr.console_granted);
  }
  // Pending offers by the address typed, the carnet's name beside it; no name of a person.
  const pending = members.getByRole('table').filter({ has: team.getByRole('columnheader', { name: fr.console_col_email, exact: true }) });
  await expect(pending.getByRole('row', { name: new RegExp(nobody.replace(/\./g, '\\.')) })).toContainText('Carnet 10 jours');
  await expect(pending.getByRole('row', { name: new RegExp(coworker.email.replace(/\./g, '\\.')) })).toBeVisible();
  await expect(pending).not.toContainText(coworker.name);

  // The link of the e-mail, as the platform administrator reads it in the outbox.
  const platformAdmin = await personPage(browser, admin.email);
  await platformAdmin.goto(`/admin/outbox?recipient=${encodeURIComponent(coworker.email)}`);
  const subject = msg(fr, 'email_entitlement_invitation_subject', { place: '' }).trim();
  await platformAdmin.getByRole('link', { name: new RegExp(subject) }).first().click();
  const link = await platformAdmin.getByRole('link', { name: /\/invitations\/carnets\// }).getAttribute('href');
  const path = new URL(link!).pathname;

  // Another signed-in person finds nothing there.
  const stranger = await personPage(browser, council.email);
  expect((await stranger.goto(path))?.status()).toBe(404);

  const invited = await personPage(browser, coworker.email);
  await invited.goto(path);
  await expect(invited.getByRole('heading', { level: 1 })).toContainText('Carnet 10 jours');
  await invited.getByRole('button', { name: fr.entitlement_invitation_accept }).click();
  await expect(invited).toHaveURL('/compte/reservations');
  expect((await invited.goto(path))?.status()).toBe(404);

  // Accepted: the offer leaves the pending list.
  await team.reload();
  await expect(pending.getByRole('row', { name: new RegExp(coworker.email.replace(/\./g, '\\.')) })).toHaveCount(0);
});
