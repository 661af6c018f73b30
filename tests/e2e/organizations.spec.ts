import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_OPERATOR_NAME, DEMO_PASSWORD } from '../../src/lib/server/accounts/demo-accounts';
import { expectProblem, fr, msg, settled, signIn } from './support';

// Organizations in the browser, with the demo accounts of `demo seed`: an operator invites the coworker, who
// accepts from the link of the e-mail; the council, a stranger to the operator, gets 404 on page and API.

const { admin, operator, council, coworker } = DEMO_ACCOUNTS;

/** A signed-in person in a browser context of their own. */
async function personPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return page;
}

/** Typing before a page hydrates is lost (hydration sets the fields' values): wait until it has. */

const organizationPath = /\/compte\/organisations\/([A-Za-z0-9_-]+)/;
const ORGANIZATION = `Atelier partagé ${Date.now().toString(36)}`;

test('the operator invites the coworker, who accepts from the e-mail link; the council gets 404', async ({ browser, page: anonymous, request }) => {
  // The operator's organization, and the invitation.
  // A new employer organization of the operator's: in an operator's, the coworker would get the right to add
  // places, which other tests expect them not to have.
  const owner = await personPage(browser, operator.email);
  await owner.goto('/compte/organisations');
  await expect(owner.getByRole('heading', { level: 1, name: fr.org_list_title })).toBeVisible();
  await expect(owner.getByRole('row', { name: new RegExp(DEMO_OPERATOR_NAME) })).toContainText(fr.role_owner);
  await settled(owner);
  await owner.getByLabel(fr.org_field_name).fill(ORGANIZATION);
  await owner.getByLabel(fr.org_field_kind).selectOption('employer');
  await owner.getByRole('button', { name: fr.org_create_submit }).click();
  await expect(owner.getByRole('heading', { level: 1, name: ORGANIZATION })).toBeVisible();
  const organizationId = organizationPath.exec(owner.url())![1]!;

  await settled(owner);
  await owner.getByLabel(fr.field_email).fill(coworker.email);
  await expect(owner.getByLabel(fr.org_role_staff_hint)).toBeChecked();
  await owner.getByRole('button', { name: fr.org_invite_submit }).click();
  await expect(owner.getByRole('region', { name: fr.org_invite_title }).getByRole('status')).toHaveText(msg(fr, 'org_invited', { email: coworker.email }));
  await expect(owner.getByRole('row', { name: new RegExp(coworker.email) })).toContainText(fr.role_staff);
  // The form is ready for the next person, the default role chosen again.
  await expect(owner.getByLabel(fr.field_email)).toHaveValue('');
  await expect(owner.getByLabel(fr.org_role_staff_hint)).toBeChecked();

  // The link of the e-mail, as the platform administrator reads it in the outbox.
  const platformAdmin = await personPage(browser, admin.email);
  await platformAdmin.goto(`/admin/outbox?recipient=${encodeURIComponent(coworker.email)}`);
  await platformAdmin.getByRole('link', { name: msg(fr, 'email_invitation_subject', { organization: ORGANIZATION }) }).first().click();
  const link = await platformAdmin.getByRole('link', { name: /\/invitations\// }).getAttribute('href');
  const invitationPath = new URL(link!).pathname;
  expect(invitationPath).toMatch(/^\/invitations\/[A-Za-z0-9_-]+$/);

  // Signed out, the link leads to the sign-in page, then back to the invitation.
  await anonymous.goto(invitationPath);
  await expect(anonymous).toHaveURL(`/connexion?retour=${encodeURIComponent(invitationPath)}`);
  await settled(anonymous);
  await anonymous.locator('#field-email').fill(coworker.email);
  await anonymous.locator('#field-password').fill(DEMO_PASSWORD);
  await anonymous.locator('#field-password').press('Enter');
  await expect(anonymous).toHaveURL(invitationPath);
  const invited = anonymous;
  await expect(invited.getByRole('heading', { level: 1 })).toHaveText(msg(fr, 'org_invitation_title', { organization: ORGANIZATION }));
  await expect(invited.getByRole('main')).toContainText(
    msg(fr, 'org_invitation_line', { inviter: operator.name, organization: ORGANIZATION, kind: fr.org_kind_employer, role: fr.role_staff }),
  );
  await invited.getByRole('button', { name: fr.org_accept, exact: true }).click();
  await expect(invited).toHaveURL(`/compte/organisations/${organizationId}?bienvenue=1`);
  await expect(invited.getByRole('status')).toHaveText(msg(fr, 'org_joined', { organization: ORGANIZATION }));
  await expect(invited.getByRole('row', { name: new RegExp(coworker.name) })).toContainText(fr.role_staff);
  // Staff see names and roles, not addresses.
  await expect(invited.getByRole('main')).not.toContainText(operator.email);
  const asStaff = await invited.request.get(`/api/v1/organizations/${organizationId}`);
  expect(asStaff.status()).toBe(200);
  const details = (await asStaff.json()) as { myRole: string; members: { email: string | null }[]; invitations: unknown[] };
  expect(details.myRole).toBe('staff');
  expect(details.members.every((m) => m.email === null)).toBe(true);
  expect(details.invitations).toEqual([]);

  // The owner sees the coworker among the members, the invitation gone.
  await owner.reload();
  await expect(owner.getByRole('row', { name: new RegExp(coworker.name) })).toContainText(coworker.email);
  await expect(owner.getByText(fr.org_pending_none)).toBeVisible();

  // The council is not part of the operator: the page and the API answer as for an unknown id.
  const stranger = await personPage(browser, council.email);
  const pageResponse = await stranger.goto(`/compte/organisations/${organizationId}`);
  expect(pageResponse?.status()).toBe(404);
  await expect(stranger.getByRole('alert')).toHaveText(fr.error_organization_not_found);
  const apiProblem = await expectProblem(await stranger.request.get(`/api/v1/organizations/${organizationId}`), 404);
  expect(apiProblem.code).toBe('organization_not_found');
  expect((await expectProblem(await stranger.request.get(`/api/v1/organizations/${organizationId}/members`), 404)).code).toBe('organization_not_found');
  expect((await expectProblem(await stranger.request.get('/api/v1/organizations/unknown-id'), 404)).detail).toBe(apiProblem.detail);
  const theirs = ((await (await stranger.request.get('/api/v1/organizations')).json()) as { items: { id: string; kind: string }[] }).items;
  expect(theirs.map((o) => o.kind)).toEqual(['territory']);
  // Posting to the operator's forms is refused the same way, and changes nothing.
  const invitePost = await stranger.request.post(`/compte/organisations/${organizationId}?/invite`, {
    form: { email: 'intruder@example.org', role: 'admin' },
    headers: { origin: new URL(stranger.url()).origin },
  });
  // Without `accept: text/html`, SvelteKit answers a form action in JSON.
  expect(await invitePost.json()).toMatchObject({ type: 'failure', status: 404 });
  expect(await invitePost.text()).toContain(fr.error_organization_not_found);
  const seenByOwner = (await (await owner.request.get(`/api/v1/organizations/${organizationId}`)).json()) as typeof details;
  expect(JSON.stringify(seenByOwner.invitations)).not.toContain('intruder');
  expect(seenByOwner.members.map((m) => m.email)).toContain(coworker.email);

  // Nobody signed in: 401.
  await expectProblem(await request.get('/api/v1/organizations'), 401);
  await expectProblem(await request.get(`/api/v1/organizations/${organizationId}`), 401);
});

test('create, invite, answer from the organizations page, hand over and leave @nojs', async ({ browser }) => {
  const name = `Employeur e2e ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const owner = await personPage(browser, operator.email);
  await owner.goto('/compte/organisations');
  // Councils and networks are for platform administrators: not offered here.
  const kinds = await owner.getByLabel(fr.org_field_kind).locator('option').allTextContents();
  expect(kinds).toEqual([fr.org_kind_operator, fr.org_kind_employer]);
  await expect(owner.getByLabel(fr.org_field_scope_code)).toHaveCount(0);

  // A refusal keeps what was typed and says why.
  await settled(owner);
  await owner.getByLabel(fr.org_field_name).fill('x');
  await owner.getByRole('button', { name: fr.org_create_submit }).click();
  await expect(owner.locator('#field-name-error')).toHaveText(fr.error_organization_name_required);
  await expect(owner.getByLabel(fr.org_field_name)).toHaveValue('x');

  await settled(owner);
  await owner.getByLabel(fr.org_field_name).fill(name);
  await owner.getByLabel(fr.org_field_kind).selectOption('employer');
  await owner.getByRole('button', { name: fr.org_create_submit }).click();
  await expect(owner.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(owner.getByRole('status')).toHaveText(fr.org_created);
  const organizationId = organizationPath.exec(owner.url())![1]!;

  // The owner cannot leave before handing over.
  await owner.getByRole('button', { name: fr.org_leave_submit }).click();
  await expect(owner.getByRole('alert')).toHaveText(fr.error_owner_must_transfer);

  // A bad address, then the coworker as admin.
  await settled(owner);
  await owner.getByLabel(fr.field_email).fill('personne@localhost');
  await owner.getByRole('button', { name: fr.org_invite_submit }).click();
  await expect(owner.locator('#field-email-error')).toHaveText(fr.error_invalid_email);
  await settled(owner);
  await owner.getByLabel(fr.field_email).fill(coworker.email);
  await owner.getByLabel(fr.org_role_admin_hint).check();
  await owner.getByRole('button', { name: fr.org_invite_submit }).click();
  await expect(owner.getByRole('region', { name: fr.org_invite_title }).getByRole('status')).toHaveText(msg(fr, 'org_invited', { email: coworker.email }));

  // The coworker answers from their organizations page.
  const invited = await personPage(browser, coworker.email);
  await invited.goto('/compte/organisations');
  await invited.getByRole('button', { name: msg(fr, 'org_accept_named', { organization: name }) }).click();
  await expect(invited).toHaveURL(`/compte/organisations/${organizationId}?bienvenue=1`);
  await expect(invited.getByRole('row', { name: new RegExp(coworker.name) })).toContainText(fr.role_admin);

  // Handed over: the coworker owns it, the operator is an admin and may leave.
  await owner.goto(`/compte/organisations/${organizationId}`);
  await settled(owner);
  await owner.getByLabel(fr.org_field_new_owner).selectOption({ label: coworker.name });
  await owner.getByRole('button', { name: fr.org_transfer_submit }).click();
  await expect(owner.getByRole('status')).toHaveText(msg(fr, 'org_transferred', { name: coworker.name }));
  await expect(owner.getByRole('row', { name: new RegExp(operator.name) })).toContainText(fr.role_admin);
  await expect(owner.getByRole('heading', { name: fr.org_transfer_title })).toHaveCount(0);
  await owner.getByRole('button', { name: fr.org_leave_submit }).click();
  await expect(owner).toHaveURL('/compte/organisations?quittee=1');
  await expect(owner.getByRole('status')).toHaveText(fr.org_left);
  await expect(owner.getByRole('link', { name })).toHaveCount(0);
  expect((await owner.goto(`/compte/organisations/${organizationId}`))?.status()).toBe(404);
});
