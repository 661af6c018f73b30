import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { makePlatformAdmin, refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { ANONYMOUS, createOrganization, deleteAccount, exportPersonalData, type Accounts } from '../accounts/index.ts';
import { member } from '../accounts/schema.ts';
import { queryRows, type Database } from '../db/index.ts';
import { getCommune } from '../territory/index.ts';
import { CCVLV_2016 } from './template.ts';
import { teamResults } from './reports.ts';
import { responsesCsv } from './exports.ts';
import {
  closeSurvey,
  communeNames,
  createOneTimeCodes,
  createSurvey,
  deleteSurvey,
  enterPaperResponse,
  publishSurvey,
  responseRows,
  submitResponse,
  surveyContactList,
  teamSurvey,
  updateDefinition,
  type SurveyContext,
} from './service.ts';

let database: Database;
let accounts: Accounts;
let council: SignedIn;
let outsider: SignedIn;
let organizationId: string;

/** Tuesday 1 December 2026, 10:00 in Paris. */
const NOW = new Date('2026-12-01T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
  const admin = await makePlatformAdmin(accounts, await signedUpPerson(accounts));
  council = await signedUpPerson(accounts);
  outsider = await signedUpPerson(accounts);
  organizationId = (await createOrganization(admin.ctx, { name: `CC Vallée du Lot ${Date.now()}`, kind: 'territory', scopeLevel: 'epci', scopeCode: (await getCommune(accounts.db, '46182')).epci!.code })).id;
  await accounts.db.insert(member).values({ id: randomUUID(), organizationId, userId: council.userId, role: 'staff' });
  council = await refreshed(accounts, council);
});
afterAll(() => database?.close());

const as = (person: SignedIn | null): SurveyContext => ({ db: accounts.db, actor: person ? person.ctx.actor : ANONYMOUS, now: NOW });

/** A person's answer on the first path, valid. */
const personAnswer = (overrides: Record<string, unknown> = {}) => ({
  answers: { respondent: 'person', aware: true, practised: false, price: '10_20', commune: { postalCode: '46140', commune: '46182' }, ...overrides },
});

async function publishedSurvey(publication: Record<string, unknown> = {}) {
  const { id } = await createSurvey(as(council), organizationId);
  await publishSurvey(as(council), id, { opensOn: '2026-11-01', closesOn: '2026-12-31', ...publication });
  return id;
}

const submit = (id: string, body: unknown, options: Partial<Parameters<typeof submitResponse>[3]> = {}) =>
  submitResponse(accounts.db, id, body, { channel: 'online', respondentToken: randomUUID(), now: NOW, ...options });

describe('creating and publishing', () => {
  it('a territory member creates a survey from the template in one step; others may not', async () => {
    const { id } = await createSurvey(as(council), organizationId);
    const survey = await teamSurvey(as(council), id);
    expect(survey).toMatchObject({ status: 'draft', currentVersion: 1 });
    expect(survey.definition.sections.map((s) => s.code)).toEqual(['start', 'coworking', 'person', 'settling', 'company', 'end']);
    // An organization one is not part of is not found (its existence is its members' business).
    expect(await domainRejection(createSurvey(as(outsider), organizationId))).toMatchObject({ kind: 'not_found' });
    expect(await domainRejection(createSurvey(as(null), organizationId))).toMatchObject({ kind: 'unauthenticated' });
    // A draft is nobody else's business.
    expect(await domainRejection(teamSurvey(as(outsider), id))).toMatchObject({ kind: 'not_found' });
    expect(await domainRejection(submit(id, personAnswer()))).toMatchObject({ code: 'survey_not_found' });
  });

  it('takes answers only between its opening and closing days, and not once closed', async () => {
    const later = await publishedSurvey({ opensOn: '2026-12-10', closesOn: '2026-12-20' });
    expect(await domainRejection(submit(later, personAnswer()))).toMatchObject({ kind: 'conflict', code: 'survey_not_open' });
    const past = await publishedSurvey({ opensOn: '2026-10-01', closesOn: '2026-11-30' });
    expect(await domainRejection(submit(past, personAnswer()))).toMatchObject({ kind: 'conflict', code: 'survey_closed' });
    const open = await publishedSurvey();
    await closeSurvey(as(council), open);
    expect(await domainRejection(submit(open, personAnswer()))).toMatchObject({ code: 'survey_closed' });
    const [count] = await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from survey_responses where survey_id in (${later}::uuid, ${past}::uuid, ${open}::uuid)`);
    expect(count!.n).toBe(0);
  });
});

describe('answering', () => {
  it('stores a valid answer with the day only, and refuses every bad input without saving anything', async () => {
    const id = await publishedSurvey();
    const stored = await submit(id, personAnswer());
    expect(stored).toMatchObject({ version: 1, submittedOn: '2026-12-01', replayed: false });
    const bad: [unknown, string][] = [
      [personAnswer({ nonsense: 'x' }), 'survey_question_unknown'],
      [personAnswer({ aware: 'maybe' }), 'survey_answer_type'],
      [personAnswer({ price: '1000_euros' }), 'survey_choice_not_offered'],
      [personAnswer({ motivations: ['social', 'internet', 'network', 'travel'] }), 'survey_too_many_choices'],
      [personAnswer({ commune: { postalCode: '46140', commune: '46102' } }), 'survey_commune_postal_code'],
      [personAnswer({ reception: 9 }), 'survey_number_range'],
      [personAnswer({ comments: 'x'.repeat(1001) }), 'survey_text_too_long'],
      [personAnswer({ location: 'other' }), 'survey_other_required'],
      [{ answers: { aware: true } }, 'survey_answer_required'],
    ];
    for (const [body, code] of bad) {
      const refusal = await domainRejection(submit(id, body));
      expect(refusal.kind, code).toBe('invalid');
      expect(refusal.issues.map((i) => i.message), code).toContain(code);
    }
    expect(await domainRejection(submit(id, { ...personAnswer(), website: 'http://spam' }))).toMatchObject({ code: 'survey_refused' });
    const rows = await responseRows(accounts.db, id);
    expect(rows).toHaveLength(1);
  });

  it('keeps one answer per browser, and one per retry key however often it is sent', async () => {
    const id = await publishedSurvey();
    const token = randomUUID();
    await submit(id, personAnswer(), { respondentToken: token });
    expect(await domainRejection(submit(id, personAnswer(), { respondentToken: token }))).toMatchObject({ kind: 'conflict', code: 'survey_already_answered' });
    const key = randomUUID();
    const tries = await Promise.all([1, 2, 3, 4].map(() => submit(id, personAnswer(), { respondentToken: null, submissionKey: key })));
    expect(new Set(tries.map((t) => t.id)).size).toBe(1);
    expect(tries.filter((t) => !t.replayed)).toHaveLength(1);
    expect(await responseRows(accounts.db, id)).toHaveLength(2);
  });

  it('asks for the access code, or accepts each printed one-time code once', async () => {
    const id = await publishedSurvey({ accessCode: 'LOT2016' });
    expect(await domainRejection(submit(id, personAnswer()))).toMatchObject({ kind: 'forbidden', code: 'survey_code_required' });
    expect(await domainRejection(submit(id, { ...personAnswer(), accessCode: 'nope' }))).toMatchObject({ code: 'survey_code_wrong' });
    await submit(id, { ...personAnswer(), accessCode: 'lot2016' });
    const [code] = await createOneTimeCodes(as(council), id, 3);
    await submit(id, { ...personAnswer(), oneTimeCode: code });
    expect(await domainRejection(submit(id, { ...personAnswer(), oneTimeCode: code }))).toMatchObject({ kind: 'conflict', code: 'survey_code_used' });
    expect(await responseRows(accounts.db, id)).toHaveLength(2);
  });

  it('counts submissions per client address in one statement, then refuses (429)', async () => {
    const id = await publishedSurvey();
    const client = `198.51.100.${Math.floor(Math.random() * 200)}`;
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => submit(id, personAnswer(), { clientKey: client, perHour: 3 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['survey_rate_limited', 'survey_rate_limited']);
  });

  it('evaluates conditions on the server: answers to questions the path hides are not kept', async () => {
    const id = await publishedSurvey();
    await submit(id, { answers: { respondent: 'company', aware: false, network: true, company_commune: { postalCode: '46700', commune: '46231' }, age: '35-44' } });
    const [row] = await responseRows(accounts.db, id);
    expect(row!.answers.answers).toEqual({ respondent: 'company', aware: false, network: true, company_commune: { postalCode: '46700', commune: '46231' } });
    expect(row).toMatchObject({ path: 'company', communeCode: '46231' });
  });

  it('keeps contact details apart from the answers, for the team only, and deletes them with the survey', async () => {
    const id = await publishedSurvey();
    await submit(id, { ...personAnswer(), contact: { name: 'Jeanne Lot', email: 'jeanne@example.org' } });
    expect(await surveyContactList(as(council), id)).toEqual([{ name: 'Jeanne Lot', email: 'jeanne@example.org', phone: '', receivedOn: '2026-12-01' }]);
    expect(JSON.stringify(await responseRows(accounts.db, id))).not.toContain('Jeanne');
    expect(await domainRejection(surveyContactList(as(outsider), id))).toMatchObject({ kind: 'forbidden' });
    await deleteSurvey(as(council), id);
    const [left] = await queryRows<{ n: number }>(accounts.db, sql`select count(*)::int as n from survey_contacts where survey_id = ${id}::uuid`);
    expect(left!.n).toBe(0);
  });

  it('takes a paper questionnaire from the team only, marked as entered by staff', async () => {
    const id = await publishedSurvey();
    expect(await domainRejection(enterPaperResponse(as(outsider), id, personAnswer()))).toMatchObject({ kind: 'forbidden' });
    await enterPaperResponse(as(council), id, personAnswer());
    expect((await responseRows(accounts.db, id))[0]).toMatchObject({ channel: 'paper' });
  });
});

describe('versions', () => {
  it('edits in place before any answer; afterwards writes a new version, and refuses to change an answered question', async () => {
    const { id } = await createSurvey(as(council), organizationId);
    const renamed = structuredClone(CCVLV_2016);
    renamed.title.fr = 'Enquête besoins 2027';
    expect(await updateDefinition(as(council), id, renamed)).toEqual({ version: 1, newVersion: false });
    await publishSurvey(as(council), id, {});
    await submit(id, personAnswer());
    const changed = structuredClone(renamed);
    const price = changed.sections[1]!.questions.find((q) => q.code === 'price')!;
    if (price.type === 'single') price.choices = price.choices.slice(1);
    expect(await domainRejection(updateDefinition(as(council), id, changed))).toMatchObject({ kind: 'conflict', code: 'survey_question_answered', params: { question: 'price' } });
    const reworded = structuredClone(renamed);
    reworded.sections[1]!.questions.find((q) => q.code === 'price')!.label.en = 'A fair price for a day?';
    expect(await updateDefinition(as(council), id, reworded)).toEqual({ version: 2, newVersion: true });
    await submit(id, personAnswer());
    expect((await responseRows(accounts.db, id)).map((r) => r.version).sort()).toEqual([1, 2]);
    expect(await domainRejection(updateDefinition(as(council), id, { title: { fr: 'x' } }))).toMatchObject({ kind: 'invalid' });
  });
});

describe('results and exports', () => {
  it('shows "< 5" for small groups, and the CSV recomputes every percentage shown', async () => {
    const id = await publishedSurvey();
    for (let i = 0; i < 12; i++) await submit(id, personAnswer({ price: i < 3 ? 'under_10' : i < 9 ? '10_20' : '20_30', age: i < 3 ? '25-34' : '45-59' }));
    const rows = await responseRows(accounts.db, id);
    const results = (await teamResults(as(council), id, {}, 'fr')).results;
    const price = results.questions.find((q) => q.code === 'price')!;
    expect(price.items.find((i) => i.code === 'under_10')!.count).toEqual({ kind: 'small' });
    // The line's total (n = 12) is shown: another count is hidden with the small one.
    expect(price.items.filter((i) => i.count.kind !== 'count' && i.code !== 'under_10').length).toBeGreaterThan(0);
    const csv = responsesCsv(CCVLV_2016, rows, 'fr', await communeNames(accounts.db, ['46182']));
    expect(csv.startsWith('\uFEFFid;version;date;')).toBe(true);
    const header = csv.slice(1).split('\r\n')[0]!.split(';');
    const lines = csv.slice(1).trim().split('\r\n').slice(1).map((l) => l.split(';'));
    const column = header.indexOf('price');
    for (const item of price.items.filter((i) => i.percent !== null)) {
      const count = lines.filter((l) => l[column] === item.code).length;
      expect(Math.round((count / 12) * 1000) / 10).toBe(item.percent);
    }
    expect(header).toContain('motivations__social');
    expect(header).toContain('commune_nom');
    expect(csv).toContain('Luzech');
    const cross = (await teamResults(as(council), id, { rows: 'price', columns: 'age' }, 'fr')).crossTab!;
    expect(cross.table.total).toEqual({ kind: 'count', value: 12 });
    expect(cross.table.cells.flat().some((c) => c.kind === 'small')).toBe(true);
  });

  it('lists the surveys a person created in their export; answers stay when the account goes', async () => {
    const creator = await signedUpPerson(accounts);
    await accounts.db.insert(member).values({ id: randomUUID(), organizationId, userId: creator.userId, role: 'admin' });
    const me = await refreshed(accounts, creator);
    const { id } = await createSurvey(as(me), organizationId);
    await publishSurvey(as(me), id, {});
    await submit(id, personAnswer());
    const exported = await exportPersonalData(accounts.db, me.ctx.actor);
    expect(JSON.stringify(exported)).toContain(id);
    await deleteAccount(me.ctx, { confirmEmail: me.email.toLowerCase() });
    expect(await responseRows(accounts.db, id)).toHaveLength(1);
  });
});
