import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import type { Database } from '../db/index.ts';
import { advanceForm, communeChoices, draftOf, emptyAnswers, sectionViews } from './form.ts';
import type { SurveyRecord } from './service.ts';
import { CCVLV_2016 } from './template.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const survey = { id: 'x', definition: CCVLV_2016 } as SurveyRecord;

/** A posted form: each name with its values. */
const posted = (fields: Record<string, string | string[]>) => ({
  get: (name: string) => [fields[name] ?? []].flat()[0] ?? null,
  getAll: (name: string) => [fields[name] ?? []].flat(),
});

describe('the form, section by section, without JavaScript', () => {
  it('shows the path the first answer chose, and keeps the answers so far through each step', async () => {
    expect(sectionViews(CCVLV_2016, {}, 'fr').map((s) => s.code)).toEqual(['start', 'coworking', 'end']);
    const first = await advanceForm(database.db, survey, 0, emptyAnswers(), posted({ q_respondent: 'company' }));
    expect(first).toMatchObject({ kind: 'next', step: 1 });
    const second = await advanceForm(database.db, survey, 1, first.draft, posted({ q_aware: 'yes', q_motivations: ['social', 'internet'], q_priorities_1: 'price' }));
    // The company's section comes next, not the person's.
    expect(second).toMatchObject({ kind: 'next', step: sectionViews(CCVLV_2016, second.draft.answers, 'fr').find((s) => s.code === 'company')!.index });
    expect(second.draft.answers).toMatchObject({ respondent: 'company', aware: true, motivations: ['social', 'internet'], priorities: ['price'] });
    const refusal = await domainRejection(advanceForm(database.db, survey, second.kind === 'next' ? second.step : 0, second.draft, posted({ q_company_commune_postal: '46140', q_network: 'yes' })));
    expect(refusal.issues).toEqual([{ path: 'answers.company_commune', message: 'survey_commune_choose', params: { postalCode: '46140' } }]);
    const choices = await communeChoices(database.db, CCVLV_2016.sections[4]!.questions, posted({ q_company_commune_postal: '46140' }));
    expect(choices.company_commune!.map((c) => c.code)).toContain('46182');
    const third = await advanceForm(database.db, survey, 4, second.draft, posted({ q_company_commune_postal: '46140', q_company_commune_commune: '46182', q_network: 'yes' }));
    const last = await advanceForm(database.db, survey, third.kind === 'next' ? third.step : 0, third.draft, posted({ q_comments: 'Vite !' }));
    expect(last.kind).toBe('done');
    expect(last.draft.answers).toMatchObject({ company_commune: { postalCode: '46140', commune: '46182' }, network: true, comments: 'Vite !' });
  });

  it('settles a postal code that serves one commune, and starts again from a tampered draft', async () => {
    const start = await advanceForm(database.db, survey, 0, draftOf('{"answers": 42'), posted({ q_respondent: 'person' }));
    const person = await advanceForm(database.db, survey, 2, { ...start.draft, answers: { ...start.draft.answers, aware: false } }, posted({ q_commune_postal: '46700', q_commune_commune: '46231' }));
    expect(person.draft.answers.commune).toEqual({ postalCode: '46700', commune: '46231' });
    expect(draftOf('not json')).toEqual(emptyAnswers());
  });
});
