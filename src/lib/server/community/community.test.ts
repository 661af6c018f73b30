import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection, expectInvalid } from '../../../../tests/setup/domain-error.ts';
import { makePlatformAdmin, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { ANONYMOUS, deleteAccount, exportPersonalData, type Accounts } from '../accounts/index.ts';
import { queryRows, type Database } from '../db/index.ts';
import { createPlace } from '../places/index.ts';
import type { CommunityContext } from './context.ts';
import { hasContactDetails, normaliseSkills, skillKey } from './model.ts';
import {
  collaborationCountsByPlace,
  confirmCollaboration,
  MESSAGES_PER_HOUR,
  myConversations,
  openReports,
  readConversation,
  replyInConversation,
  reportConversation,
  resolveReport,
  setBlocked,
  writeToProfile,
} from './messages.ts';
import { readProfile, saveProfile, searchProfiles } from './profiles.ts';
import { insertSyntheticMembers, generatedMembers } from './demo.ts';

let database: Database;
let accounts: Accounts;
let developer: SignedIn;
let company: SignedIn;
let stranger: SignedIn;
let admin: SignedIn;
let placeId: string;

const NOW = new Date('2026-12-01T09:00:00Z');
const as = (person: SignedIn | null, now = NOW): CommunityContext => (person ? { ...person.ctx, now } : { db: accounts.db, actor: ANONYMOUS, now });
const outbox = (email: string) =>
  queryRows<{ subject: string; text_body: string; html_body: string | null }>(accounts.db, sql`select subject, text_body, html_body from outbox_message where recipient = ${email.toLowerCase()} order by id`);

beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
  developer = await signedUpPerson(accounts);
  company = await signedUpPerson(accounts);
  stranger = await signedUpPerson(accounts);
  admin = await makePlatformAdmin(accounts, await signedUpPerson(accounts));
  placeId = (await createPlace(accounts.db, { name: 'Tiers-lieu de Luzech', kind: 'coworking', communeCode: '46182' })).id;
  // Catus is about 10 km from Luzech.
  await saveProfile(as(developer), {
    publicName: 'Julie Dev',
    headline: 'Développeuse web',
    visibility: 'public',
    skills: ['web-development'],
    freeSkills: ['Taille de pierre', 'développement WEB'],
    languages: ['fr', 'en'],
    communeCode: '46064',
    links: ['https://example.org/julie'],
    availableForMissions: true,
    placeIds: [placeId],
  });
});
afterAll(() => database?.close());

describe('skills', () => {
  it('folds free additions: case, accents and spaces make one skill, and a curated label becomes its code', () => {
    expect(skillKey('Développement web')).toBe('web-development');
    expect(skillKey('  developpement   WEB ')).toBe('web-development');
    expect(skillKey('Web development')).toBe('web-development');
    expect(skillKey('Taille de Pierre')).toBe(skillKey('taille  de pierre'));
    expect(normaliseSkills(['web-development'], ['Développement web', 'Pierre sèche', 'pierre seche'])).toEqual({ skillKeys: ['web-development', '~pierre seche'], freeSkills: ['Pierre sèche'] });
  });
  it('refuses an unknown skill code', () => {
    expectInvalid(() => normaliseSkills(['basket-weaving'], []), 'community_skill_unknown');
  });
});

describe('profiles', () => {
  it('are private by default and then seen by their owner only', async () => {
    await saveProfile(as(stranger), { publicName: 'Sam Privé', skills: ['web-development'], communeCode: '46182' });
    expect((await readProfile(as(stranger), stranger.userId)).visibility).toBe('private');
    expect((await domainRejection(readProfile(as(company), stranger.userId))).code).toBe('community_profile_not_found');
    expect((await domainRejection(readProfile(as(null), stranger.userId))).kind).toBe('not_found');
  });
  it('shows members’ profiles to signed-in people only', async () => {
    await saveProfile(as(stranger), { publicName: 'Sam Membre', visibility: 'members', skills: ['accounting'], communeCode: '46182' });
    expect((await readProfile(as(company), stranger.userId)).publicName).toBe('Sam Membre');
    await expect(readProfile(as(null), stranger.userId)).rejects.toMatchObject({ code: 'community_profile_not_found' });
    const anonymous = await searchProfiles(as(null), { skill: 'accounting' });
    expect(anonymous.items.map((p) => p.id)).not.toContain(stranger.userId);
    expect((await searchProfiles(as(company), { skill: 'accounting' })).items.map((p) => p.id)).toContain(stranger.userId);
  });
  it('never carries an address or a phone number, and shows the commune only', async () => {
    const profile = await readProfile(as(null), developer.userId);
    expect(JSON.stringify(profile)).not.toContain(developer.email);
    expect(profile.commune).toEqual({ code: '46064', name: 'Catus' });
    expect(profile.skills.map((s) => s.key)).toEqual(['web-development', '~taille de pierre']);
    expect(profile.places.map((p) => p.id)).toEqual([placeId]);
  });
  it('refuses bad input and keeps what was there', async () => {
    await expect(saveProfile(as(developer), { publicName: 'X', skills: ['nope'] })).rejects.toMatchObject({ code: 'community_skill_unknown' });
    await expect(saveProfile(as(developer), { publicName: 'X', links: ['javascript:alert(1)'] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(saveProfile(as(developer), { publicName: 'X', communeCode: '99999' })).rejects.toMatchObject({ code: 'location_commune_unknown' });
    expect((await readProfile(as(null), developer.userId)).publicName).toBe('Julie Dev');
  });
  it('refuses an e-mail address or a phone number in what a profile shows', async () => {
    for (const about of ['Écrivez-moi : julie@example.org', 'Appelez le 06 12 34 56 78', 'Tél. +33 (0)5.65.20.10.10']) {
      const error = await domainRejection(saveProfile(as(developer), { publicName: 'Julie Dev', about }));
      expect(error.issues[0]).toMatchObject({ path: 'about', message: 'community_contact_details' });
    }
    expect(hasContactDetails('Sites depuis 2015, 3 000 clients, 46140 Luzech')).toBe(false);
  });
});

describe('the directory', () => {
  it('finds a web developer within 20 km of Luzech, nearest first, with the distance', async () => {
    const found = await searchProfiles(as(null), { skill: 'web-development', near: '46182', radiusKm: '20' });
    expect(found.items.map((p) => p.id)).toEqual([developer.userId]);
    expect(found.items[0]!.distanceKm).toBeGreaterThan(5);
    expect(found.items[0]!.distanceKm).toBeLessThan(20);
    expect(found.near?.name).toBe('Luzech');
    // From Marseille, 20 km is far too short.
    expect((await searchProfiles(as(null), { skill: 'web-development', near: '13201', radiusKm: '20' })).items).toEqual([]);
  });
  it('matches words without accents or case, free skills included, and filters by place and availability', async () => {
    expect((await searchProfiles(as(null), { q: 'DEVELOPPEUSE' })).items.map((p) => p.id)).toContain(developer.userId);
    expect((await searchProfiles(as(null), { q: 'taille pierre' })).items.map((p) => p.id)).toEqual([developer.userId]);
    expect((await searchProfiles(as(null), { place: placeId, available: 'true' })).total).toBe(1);
    expect((await searchProfiles(as(null), { q: 'zzzz' })).total).toBe(0);
  });
  it('refuses an unknown skill and a radius of 0 or over 200 km', async () => {
    for (const query of [{ skill: 'underwater-basketry' }, { near: '46182', radiusKm: '0' }, { near: '46182', radiusKm: '201' }]) {
      const error = await domainRejection(searchProfiles(as(null), query));
      expect(error.kind).toBe('invalid');
    }
  });
  it('orders 300 generated members by distance', async () => {
    const codes = ['46182', '46042', '46062', '46225', '46001', '46231', '46064'];
    await insertSyntheticMembers(accounts.db, generatedMembers(7, 300, codes), new Map((await queryRows<{ code: string; lat: number; lon: number }>(accounts.db, sql`select code, lat, lon from communes where code in ('46182','46042','46062','46225','46001','46231','46064')`)).map((r) => [r.code, { lat: r.lat, lon: r.lon }])));
    const found = await searchProfiles(as(company), { near: '46182', radiusKm: '30' });
    const distances = found.items.map((p) => p.distanceKm!);
    expect(found.total).toBeGreaterThan(100);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(Math.max(...distances)).toBeLessThanOrEqual(30);
  });
});

describe('relayed contact', () => {
  it('sends the message through the outbox without either address, and reveals the recipient’s only when they reply', async () => {
    const sent = await writeToProfile(as(company), developer.userId, { body: 'Bonjour, nous cherchons un site pour notre cave.' });
    const [mail] = (await outbox(developer.email)).slice(-1);
    expect(mail!.text_body).toContain('nous cherchons un site');
    expect(mail!.text_body).not.toContain(company.email);
    expect(mail!.html_body).not.toContain(company.email);
    let view = await readConversation(as(company), sent.conversationId);
    expect(view.otherEmail).toBeNull();
    expect(JSON.stringify(view)).not.toContain(developer.email);
    expect(JSON.stringify(await readConversation(as(developer), sent.conversationId))).not.toContain(company.email);
    await expect(readConversation(as(stranger), sent.conversationId)).rejects.toMatchObject({ code: 'community_conversation_not_found' });

    await replyInConversation(as(developer, new Date(NOW.getTime() + 60_000)), sent.conversationId, { body: 'Avec plaisir, parlons-en.' });
    expect((await outbox(company.email)).slice(-1)[0]!.text_body).toContain('Avec plaisir');
    view = await readConversation(as(company), sent.conversationId);
    expect(view.otherEmail).toBe(developer.email.toLowerCase());
    expect(view.messages.map((msg) => msg.mine)).toEqual([true, false]);
    expect((await myConversations(as(developer))).map((c) => c.id)).toContain(sent.conversationId);
  });
  it('refuses a message to a private profile, to oneself, and from someone not signed in, and saves nothing', async () => {
    const loner = await signedUpPerson(accounts);
    await saveProfile(as(loner), { publicName: 'Lou', skills: ['sales'] });
    const before = await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from community_messages`);
    expect((await domainRejection(writeToProfile(as(company), loner.userId, { body: 'Bonjour' }))).kind).toBe('not_found');
    expect((await domainRejection(writeToProfile(as(developer), developer.userId, { body: 'Moi' }))).code).toBe('community_message_self');
    expect((await domainRejection(writeToProfile(as(null), developer.userId, { body: 'Bonjour' }))).kind).toBe('unauthenticated');
    expect((await domainRejection(writeToProfile(as(company), developer.userId, { body: '  ' }))).kind).toBe('invalid');
    expect(await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from community_messages`)).toEqual(before);
  });
  it(`stops a sender at ${MESSAGES_PER_HOUR} messages an hour, and counts them again the next hour`, async () => {
    const busy = await signedUpPerson(accounts);
    const at = new Date('2026-12-02T09:00:00Z');
    for (let i = 0; i < MESSAGES_PER_HOUR; i++) await writeToProfile(as(busy, at), developer.userId, { body: `Message ${i}` });
    const error = await domainRejection(writeToProfile(as(busy, at), developer.userId, { body: 'Un de trop' }));
    expect(error.kind).toBe('rate_limited');
    const texts = await queryRows<{ body: string }>(accounts.db, sql`select body from community_messages where author_id = ${busy.userId}`);
    expect(texts).toHaveLength(MESSAGES_PER_HOUR);
    await writeToProfile(as(busy, new Date(at.getTime() + 3601_000)), developer.userId, { body: 'Une heure plus tard' });
  });
  it('lets the recipient block a sender, and report the conversation to the administrators', async () => {
    const pest = await signedUpPerson(accounts);
    const { conversationId } = await writeToProfile(as(pest), developer.userId, { body: 'Achetez mes cryptos' });
    await setBlocked(as(developer), conversationId, true);
    expect((await domainRejection(writeToProfile(as(pest), developer.userId, { body: 'Encore' }))).code).toBe('community_blocked');
    await reportConversation(as(developer), conversationId, { reason: 'Démarchage' });
    await expect(openReports(as(developer))).rejects.toMatchObject({ kind: 'forbidden' });
    const queue = await openReports(as(admin));
    const report = queue.find((r) => r.conversationId === conversationId)!;
    expect(report.reason).toBe('Démarchage');
    expect(report.messages.map((msg) => msg.body)).toEqual(['Achetez mes cryptos']);
    await resolveReport(as(admin), report.id);
    expect((await openReports(as(admin))).map((r) => r.id)).not.toContain(report.id);
    await setBlocked(as(developer), conversationId, false);
    await writeToProfile(as(pest), developer.userId, { body: 'Pardon' });
  });
});

describe('collaborations', () => {
  it('are counted per place once both sides confirmed, within the period', async () => {
    const { conversationId } = (await myConversations(as(company))).map((c) => ({ conversationId: c.id }))[0]!;
    const period = { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };
    await confirmCollaboration(as(company), conversationId, { amountRange: '1k-5k' });
    expect((await collaborationCountsByPlace(accounts.db, period)).byPlace.get(placeId)).toBeUndefined();
    await confirmCollaboration(as(developer), conversationId, {});
    expect(await collaborationCountsByPlace(accounts.db, period)).toEqual({ byPlace: new Map([[placeId, 1]]), total: 1 });
    expect(await collaborationCountsByPlace(accounts.db, { from: period.to, to: new Date('2027-02-01T00:00:00Z') })).toEqual({ byPlace: new Map(), total: 0 });
    const view = await readConversation(as(developer), conversationId);
    expect(view.collaboration).toEqual({ mine: true, theirs: true, confirmed: true, amountRange: '1k-5k' });
  });
  it('need a reply first', async () => {
    const other = await signedUpPerson(accounts);
    const { conversationId } = await writeToProfile(as(other), developer.userId, { body: 'Bonjour' });
    expect((await domainRejection(confirmCollaboration(as(other), conversationId, {}))).code).toBe('community_collaboration_no_reply');
  });
});

describe('personal data', () => {
  it('exports the profile and messages, and erasure removes the profile and empties the messages written', async () => {
    const leaving = await signedUpPerson(accounts);
    await saveProfile(as(leaving), { publicName: 'Partante', visibility: 'public', skills: ['translation'] });
    const { conversationId } = await writeToProfile(as(leaving), developer.userId, { body: `Écrivez-moi à ${leaving.email}` });
    await replyInConversation(as(developer, new Date(NOW.getTime() + 60_000)), conversationId, { body: `Bien reçu, ${leaving.email}` });
    const exported = JSON.stringify(await exportPersonalData(accounts.db, leaving.ctx.actor));
    expect(exported).toContain('Partante');
    expect(exported).toContain('Bien reçu');
    await deleteAccount(leaving.ctx, { confirmEmail: leaving.email.toLowerCase() });
    expect(await queryRows(accounts.db, sql`select 1 from community_profiles where user_id = ${leaving.userId}`)).toEqual([]);
    const view = await readConversation(as(developer), conversationId);
    expect(view.messages[0]!.body).toBeNull();
    expect(view.messages[1]!.body).not.toContain(leaving.email);
  });
});
