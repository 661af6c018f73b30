import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { lastMailTo, makePlatformAdmin, refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { ANONYMOUS, type Accounts } from '../accounts/index.ts';
import { acceptInvitation, createOrganization, inviteMember } from '../accounts/organizations.ts';
import { user } from '../accounts/schema.ts';
import { queryRows, type Database } from '../db/index.ts';
import { createPlaceAs, operatorsForNewPlace, placeForEditing, placeHistoryAs, placeRights, updatePlaceAs } from './editing.ts';
import { formValuesOfPlace, placeInputOfForm, placeInputOfFormWithCommune } from './form.ts';
import { getPlace, placeHistoryOf, type Place } from './service.ts';
import { createPlace } from './writes.ts';

let database: Database;
let accounts: Accounts;
const db = () => database.db;

/** An operator organization with its owner, and a colleague who joined it as staff. */
async function operator(name: string) {
  const owner = await signedUpPerson(accounts);
  const organization = await createOrganization(owner.ctx, { name, kind: 'operator' });
  const ownerNow = await refreshed(accounts, owner);
  const colleague = await signedUpPerson(accounts);
  const invitation = await inviteMember(ownerNow.ctx, organization.id, { email: colleague.email, role: 'staff' });
  await lastMailTo(accounts, colleague.email);
  await acceptInvitation(colleague.ctx, invitation.id);
  return { organization, owner: ownerNow, staff: await refreshed(accounts, colleague) };
}

let causse: Awaited<ReturnType<typeof operator>>;
let vignoble: Awaited<ReturnType<typeof operator>>;
let stranger: SignedIn;
let admin: SignedIn;
let place: Place;

beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
  causse = await operator('Tiers-lieux du Causse');
  vignoble = await operator('Coworkings du Vignoble');
  stranger = await signedUpPerson(accounts);
  admin = await makePlatformAdmin(accounts, await signedUpPerson(accounts));
  place = await createPlaceAs(db(), causse.owner.ctx.actor, {
    name: 'La Grange du Causse',
    kind: 'tiers-lieu',
    communeCode: '46182',
    operatorOrganizationId: causse.organization.id,
    desks: 8,
    services: ['meeting-room'],
    openingHours: 'Mo-Fr 09:00-18:00',
  });
});
afterAll(() => database?.close());

async function counts() {
  const [row] = await queryRows<{ places: number; history: number }>(
    db(),
    sql`select (select count(*) from places)::int as places, (select count(*) from place_history)::int as history`,
  );
  return row!;
}

describe('creating a place for an operator', () => {
  it("records the creator, and takes the organization's name as the operator's", async () => {
    expect(place).toMatchObject({ slug: 'la-grange-du-causse', operatorOrganizationId: causse.organization.id, operatorName: 'Tiers-lieux du Causse', desks: 8 });
    const [entry] = await placeHistoryOf(db(), place.id);
    expect(entry!.changedBy).toBe(causse.owner.userId);
  });

  it('is refused to anyone who is not on the operator’s team, before any check of the input', async () => {
    const input = { name: 'Autre lieu', kind: 'coworking', communeCode: '46182', operatorOrganizationId: causse.organization.id };
    expect(await domainRejection(createPlaceAs(db(), ANONYMOUS, input))).toMatchObject({ kind: 'unauthenticated', code: 'sign_in_required' });
    expect(await domainRejection(createPlaceAs(db(), stranger.ctx.actor, input))).toMatchObject({ kind: 'not_found', code: 'organization_not_found' });
    expect(await domainRejection(createPlaceAs(db(), vignoble.staff.ctx.actor, { ...input, desks: -1 }))).toMatchObject({ kind: 'not_found' });
    expect(await domainRejection(createPlaceAs(db(), stranger.ctx.actor, { ...input, operatorOrganizationId: 'no-such-organization' }))).toMatchObject({
      kind: 'not_found',
    });
    expect(await domainRejection(operatorsForNewPlace(db(), stranger.ctx.actor))).toMatchObject({ kind: 'forbidden', code: 'place_edit_no_operator' });
    expect(await operatorsForNewPlace(db(), causse.staff.ctx.actor)).toEqual([{ id: causse.organization.id, name: 'Tiers-lieux du Causse' }]);
  });

  it('needs an operator, and reports it with the other fields refused; nothing is saved', async () => {
    const before = await counts();
    const error = await domainRejection(createPlaceAs(db(), causse.staff.ctx.actor, { name: '', kind: 'coworking', communeCode: '46182', dayPrice: 3 }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'invalid_input' });
    expect(error.issues.map((issue) => [issue.path, issue.message]).sort()).toEqual([
      ['dayPrice', 'place_prices_from_offers'],
      ['name', 'place_name_required'],
      ['operatorOrganizationId', 'place_edit_operator_required'],
    ]);
    const unknownCommune = createPlaceAs(db(), causse.staff.ctx.actor, {
      name: 'Nulle part',
      kind: 'coworking',
      communeCode: '99999',
      operatorOrganizationId: causse.organization.id,
    });
    expect(await domainRejection(unknownCommune)).toMatchObject({ kind: 'invalid', code: 'place_commune_unknown' });
    expect(await counts()).toEqual(before);
  });

  it('never gives a place the slug of a page of the directory', async () => {
    const base = { kind: 'coworking', communeCode: '46182', operatorOrganizationId: causse.organization.id };
    const nouveau = await createPlaceAs(db(), causse.staff.ctx.actor, { ...base, name: 'Nouveau' });
    expect(nouveau.slug).toBe('nouveau-luzech');
    const refused = await domainRejection(createPlaceAs(db(), causse.staff.ctx.actor, { ...base, name: 'Autre', slug: 'nouveau' }));
    expect(refused).toMatchObject({ kind: 'invalid', code: 'place_edit_slug_reserved' });
    expect(await domainRejection(updatePlaceAs(db(), causse.staff.ctx.actor, nouveau.id, { slug: 'nouveau' }))).toMatchObject({ code: 'place_edit_slug_reserved' });
  });

  it('keeps markup typed in a description as text', async () => {
    const markup = '<script>alert("x")</script><img src=x onerror=alert(1)> & co';
    const created = await createPlaceAs(db(), causse.staff.ctx.actor, {
      name: 'Balises',
      kind: 'coworking',
      communeCode: '46182',
      operatorOrganizationId: causse.organization.id,
      descriptionFr: markup,
    });
    expect((await getPlace(db(), created.id)).descriptionFr).toBe(markup);
  });
});

describe('editing a place', () => {
  it('is allowed to the staff of its operator, and recorded under their name', async () => {
    const updated = await updatePlaceAs(db(), causse.staff.ctx.actor, place.slug, { desks: 12, openingHours: 'Mo-Sa 08:30-19:00' });
    expect(updated).toMatchObject({ desks: 12, openingHours: 'Mo-Sa 08:30-19:00' });
    expect(updated.openDays).toContain('sa');
    const history = await placeHistoryAs(db(), causse.owner.ctx.actor, place.slug);
    expect(history.place.id).toBe(place.id);
    expect(history.entries[0]).toMatchObject({
      changedBy: causse.staff.userId,
      editor: { kind: 'person', name: causse.staff.name },
      changes: { desks: { from: 8, to: 12 }, openingHours: { from: 'Mo-Fr 09:00-18:00', to: 'Mo-Sa 08:30-19:00' } },
    });
    expect(history.entries.at(-1)!.editor).toEqual({ kind: 'person', name: causse.owner.name });
    expect(placeRights(causse.staff.ctx.actor, updated)).toEqual({ update: true, readHistory: true });
  });

  it('is refused to the team of another operator (403), to others (403) and to nobody signed in (401)', async () => {
    const before = await getPlace(db(), place.id);
    for (const person of [vignoble.owner, vignoble.staff, stranger]) {
      expect(placeRights(person.ctx.actor, before)).toEqual({ update: false, readHistory: false });
      expect(await domainRejection(updatePlaceAs(db(), person.ctx.actor, place.id, { desks: 1 }))).toMatchObject({ kind: 'forbidden', code: 'forbidden_action' });
      expect(await domainRejection(placeHistoryAs(db(), person.ctx.actor, place.id))).toMatchObject({ kind: 'forbidden' });
      expect(await domainRejection(placeForEditing(db(), person.ctx.actor, place.id))).toMatchObject({ kind: 'forbidden' });
    }
    expect(await domainRejection(updatePlaceAs(db(), ANONYMOUS, place.id, { desks: 1 }))).toMatchObject({ kind: 'unauthenticated' });
    expect(await domainRejection(placeHistoryAs(db(), ANONYMOUS, place.id))).toMatchObject({ kind: 'unauthenticated' });
    expect(await domainRejection(updatePlaceAs(db(), causse.staff.ctx.actor, 'no-such-place', { desks: 1 }))).toMatchObject({ kind: 'not_found' });
    expect((await getPlace(db(), place.id)).updatedAt).toBe(before.updatedAt);
  });

  it('saves nothing of a patch with a field refused', async () => {
    const before = await counts();
    const error = await domainRejection(updatePlaceAs(db(), causse.staff.ctx.actor, place.id, { desks: 20, monthPrice: 12, website: 'ftp://x' }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'invalid_input' });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['monthPrice', 'website']);
    expect((await getPlace(db(), place.id)).desks).toBe(12);
    expect(await counts()).toEqual(before);
  });

  it('refuses a change made on a version that is no longer the current one', async () => {
    const current = await getPlace(db(), place.id);
    await updatePlaceAs(db(), causse.owner.ctx.actor, place.id, { surfaceM2: 90 }, { expectedUpdatedAt: current.updatedAt });
    const stale = updatePlaceAs(db(), causse.staff.ctx.actor, place.id, { surfaceM2: 60 }, { expectedUpdatedAt: current.updatedAt });
    expect(await domainRejection(stale)).toMatchObject({ kind: 'conflict', code: 'place_update_conflict' });
    const garbled = updatePlaceAs(db(), causse.staff.ctx.actor, place.id, { surfaceM2: 60 }, { expectedUpdatedAt: 'hier' });
    expect(await domainRejection(garbled)).toMatchObject({ kind: 'invalid', code: 'place_edit_version_invalid' });
    expect((await getPlace(db(), place.id)).surfaceM2).toBe(90);
  });

  it('moves a place to another operator only for someone with rights on both', async () => {
    const moving = vignoble.organization.id;
    expect(await domainRejection(updatePlaceAs(db(), causse.staff.ctx.actor, place.id, { operatorOrganizationId: moving }))).toMatchObject({
      kind: 'not_found',
      code: 'organization_not_found',
    });
    expect(await domainRejection(updatePlaceAs(db(), causse.staff.ctx.actor, place.id, { operatorOrganizationId: null }))).toMatchObject({ kind: 'forbidden' });
    expect((await getPlace(db(), place.id)).operatorOrganizationId).toBe(causse.organization.id);

    // The owner of the Causse joins the Vignoble's team.
    const invitation = await inviteMember(vignoble.owner.ctx, moving, { email: causse.owner.email, role: 'staff' });
    await acceptInvitation(causse.owner.ctx, invitation.id);
    const both = await refreshed(accounts, causse.owner);
    const moved = await updatePlaceAs(db(), both.ctx.actor, place.id, { operatorOrganizationId: moving });
    expect(moved.operatorOrganizationId).toBe(moving);
    expect(placeRights(vignoble.staff.ctx.actor, moved).update).toBe(true);
    expect(placeRights(causse.staff.ctx.actor, moved).update).toBe(false);
    const history = await placeHistoryAs(db(), vignoble.staff.ctx.actor, place.id);
    expect(history.organizationNames).toMatchObject({ [causse.organization.id]: 'Tiers-lieux du Causse', [moving]: 'Coworkings du Vignoble' });
    // Move it back, for the next tests.
    await updatePlaceAs(db(), both.ctx.actor, place.id, { operatorOrganizationId: causse.organization.id });
  });

  it('leaves a place without operator to platform administrators', async () => {
    const orphan = await createPlace(db(), { name: 'Salle communale', kind: 'public-workspace', communeCode: '46182' }, { changedBy: 'import' });
    expect(await domainRejection(updatePlaceAs(db(), causse.owner.ctx.actor, orphan.id, { desks: 4 }))).toMatchObject({ kind: 'forbidden' });
    const updated = await updatePlaceAs(db(), admin.ctx.actor, orphan.id, { desks: 4 });
    expect(updated.desks).toBe(4);
    const history = await placeHistoryAs(db(), admin.ctx.actor, orphan.slug);
    expect(history.entries.map((entry) => entry.editor)).toEqual([{ kind: 'person', name: admin.name }, { kind: 'system' }]);
    // An administrator may edit any operator's place too.
    expect((await updatePlaceAs(db(), admin.ctx.actor, place.id, { internetMbps: 300 })).internetMbps).toBe(300);
  });

  it('names a deleted account neutrally in the history', async () => {
    const leaving = await signedUpPerson(accounts);
    const invitation = await inviteMember(causse.owner.ctx, causse.organization.id, { email: leaving.email, role: 'staff' });
    await acceptInvitation(leaving.ctx, invitation.id);
    await updatePlaceAs(db(), (await refreshed(accounts, leaving)).ctx.actor, place.id, { contactPhone: '05 65 00 00 00' });
    await db().update(user).set({ deletedAt: new Date(), name: '—' }).where(eq(user.id, leaving.userId));
    const [latest] = (await placeHistoryAs(db(), causse.staff.ctx.actor, place.id)).entries;
    expect(latest).toMatchObject({ changedBy: leaving.userId, editor: { kind: 'deleted-account' } });
  });
});

describe('the edit form', () => {
  it('shows a place as values that, sent back unchanged, change nothing', async () => {
    const current = await getPlace(db(), place.id);
    const values = formValuesOfPlace(current);
    expect(values).toMatchObject({ name: 'La Grange du Causse', desks: '12', 'service-meeting-room': 'on', lat: '', updatedAt: current.updatedAt });
    expect(values).not.toHaveProperty('service-kitchen');
    const before = await counts();
    const { input, issues } = placeInputOfForm(values);
    expect(issues).toEqual([]);
    const saved = await updatePlaceAs(db(), causse.staff.ctx.actor, place.id, input, { expectedUpdatedAt: values.updatedAt });
    expect(saved.updatedAt).toBe(current.updatedAt);
    expect(await counts()).toEqual(before);
  });

  it('reads numbers the French way, ticked services, languages, and clears blank fields', () => {
    const { input, issues } = placeInputOfForm({
      name: ' Atelier ',
      kind: 'fablab',
      status: 'open',
      communeCode: '46182',
      surfaceM2: '12,50',
      desks: '1 200',
      internetMbps: 'rapide',
      lat: '44,48',
      lon: '',
      website: '',
      'service-printer': 'on',
      'service-kitchen': 'on',
      languages: 'fr, EN;oc',
    });
    expect(input).toMatchObject({ name: 'Atelier', surfaceM2: 12.5, desks: 1200, internetMbps: 'rapide', lat: 44.48, lon: null, website: null, slug: null });
    // The prices are not in the form: they come from the place's offers.
    expect(input).not.toHaveProperty('dayPrice');
    expect(input.services).toEqual(['kitchen', 'printer']);
    expect(input.languages).toEqual(['fr', 'EN', 'oc']);
    expect(issues).toEqual([{ path: 'lon', message: 'place_coordinates_incomplete' }]);
  });

  it("reports the form's own issues with the contract's", async () => {
    const { input, issues } = placeInputOfForm({ ...formValuesOfPlace(await getPlace(db(), place.id)), lat: '44.5', lon: '', desks: '-2' });
    const error = await domainRejection(updatePlaceAs(db(), causse.staff.ctx.actor, place.id, input, { issues }));
    expect(error.issues.map((issue) => [issue.path, issue.message]).sort()).toEqual([
      ['desks', 'place_desks_invalid'],
      ['lon', 'place_coordinates_incomplete'],
    ]);
  });

  it('reads the commune from the picker: a postal code serving several asks which, a chosen one stands, none is refused next to the field', async () => {
    const values = { ...formValuesOfPlace(await getPlace(db(), place.id)), communeCode: '' };
    const issuesOf = async (code: string, text: string) => {
      const { input, issues } = await placeInputOfFormWithCommune(db(), { ...values, communeCode: code, communeCodeText: text });
      return { code: input.communeCode, issues: issues.map((issue) => [issue.path, issue.message, issue.params?.query ?? null]) };
    };
    expect(await issuesOf('', '46140')).toEqual({ code: undefined, issues: [['communeCode', 'commune_choose_one', '46140']] });
    expect(await issuesOf('46182', '46140')).toEqual({ code: '46182', issues: [] });
    expect(await issuesOf('', 'Luzech (46140)')).toEqual({ code: '46182', issues: [] });
    expect(await issuesOf('', '99999')).toEqual({ code: undefined, issues: [['communeCode', 'commune_no_match', '99999']] });
    expect(await issuesOf('', ' ')).toEqual({ code: undefined, issues: [['communeCode', 'place_commune_required', null]] });
    // The form's refusal stands for the field: not the contract's word on the code it left out.
    const { input, issues } = await placeInputOfFormWithCommune(db(), { ...values, name: 'Lieu sans commune', slug: '', communeCodeText: '75999' });
    const error = await domainRejection(createPlaceAs(db(), causse.staff.ctx.actor, input, { issues }));
    expect(error.issues.map((issue) => [issue.path, issue.message])).toEqual([['communeCode', 'commune_no_match']]);
  });

  it("puts a pinned place back at its commune's centre when the box is ticked, whatever the coordinates say", async () => {
    const pinned = await updatePlaceAs(db(), causse.staff.ctx.actor, place.id, { lat: 44.4801, lon: 1.2902 });
    expect(pinned.coordinatesExact).toBe(true);
    const values: Record<string, string> = { ...formValuesOfPlace(pinned), coordinatesCommune: 'on' };
    expect(values.lat).toBe('44.4801');
    const { input, issues } = placeInputOfForm(values);
    expect([input.coordinatesExact, input.lat, input.lon, issues]).toEqual([false, null, null, []]);
    const moved = await updatePlaceAs(db(), causse.staff.ctx.actor, place.id, input, { issues });
    const commune = (await queryRows<{ lat: number; lon: number }>(db(), sql`select lat, lon from communes where code = '46182'`))[0]!;
    expect([moved.coordinatesExact, moved.lat, moved.lon]).toEqual([false, Number(commune.lat), Number(commune.lon)]);
  });

  it('refuses a pin outside France, and one too far from the commune, saying how far; nothing changes', async () => {
    const before = await getPlace(db(), place.id);
    const abroad = await domainRejection(updatePlaceAs(db(), causse.staff.ctx.actor, place.id, { lat: 1.2886, lon: 44.4794 }));
    expect(abroad.issues).toEqual([{ path: 'lat', message: 'place_coordinates_outside_france', params: { commune: 'Luzech' } }]);
    const far = await domainRejection(updatePlaceAs(db(), causse.staff.ctx.actor, place.id, { lat: 48.8566, lon: 2.3522 }));
    expect(far.issues).toEqual([{ path: 'lat', message: 'place_coordinates_far_from_commune', params: { km: 493, max: 60, commune: 'Luzech' } }]);
    expect((await getPlace(db(), place.id)).updatedAt).toBe(before.updatedAt);
  });
});
