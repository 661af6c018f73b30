import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, en, expectNoViolations, expectProblem, fr, msg, signIn } from './support';

/*
 * Needs surveys as people meet them: the demo council creates a survey from the template and publishes it;
 * people answer without an account (without JavaScript, at 375 px); a paper questionnaire is typed in; bad
 * input over the API gets a 4xx in the caller's language and stores nothing. The demo survey (300 synthetic
 * answers, `demo seed`) carries the results and public results checks.
 */

const API = '/api/v1';

/** The demo survey opens on 2 November 2026 (surveys/demo.ts); surveys the journey creates open on 1 January. */
const DEMO_OPENS_ON = '2026-11-02';

async function demoSurveyId(request: APIRequestContext): Promise<string> {
  const response = await request.get(`${API}/surveys`);
  const { items } = (await response.json()) as { items: { id: string; opensOn: string | null }[] };
  return items.find((s) => s.opensOn === DEMO_OPENS_ON)!.id;
}

/** Answers the template's person path through the form, step by step. */
async function answerAsPerson(page: Page, id: string) {
  await page.goto(`/enquetes/${id}`);
  await page.getByLabel(/particulier/).check();
  await page.getByRole('button', { name: fr.survey_next }).click();
  await page.locator('input[name=q_aware][value=yes]').check();
  await page.locator('input[name=q_price][value="10_20"]').check();
  await page.getByRole('button', { name: fr.survey_next }).click();
  await page.getByLabel(fr.survey_postal_code).fill('46140');
  await page.getByRole('button', { name: fr.survey_next }).click();
  // 46140 serves several communes: the server asks which one.
  await expect(page.getByText(msg(fr, 'error_survey_commune_choose', { postalCode: '46140' })).first()).toBeVisible();
  await page.getByLabel(fr.survey_commune, { exact: true }).selectOption('46182');
  await page.locator('input[name=q_origin][value=lot]').check();
  await page.getByRole('button', { name: fr.survey_next }).click();
  await page.getByRole('button', { name: fr.survey_submit }).click();
  await expect(page.getByRole('heading', { name: fr.survey_thanks_title })).toBeVisible();
}

/** Moves the focus with Tab (Shift+Tab when `back`) until `target` has it; fails if it never does. */
async function tabTo(page: Page, target: Locator, back = false) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test.describe('a survey from the template, end to end @nojs', () => {
  test('the council publishes it, people answer without an account, paper is typed in, results protect small groups', async ({ page, browser }) => {
    await signIn(page, DEMO_ACCOUNTS.council.email);
    await page.goto('/enquetes');
    await page.getByRole('button', { name: fr.surveys_create }).click();
    await expect(page).toHaveURL(/\/enquetes\/[0-9a-f-]+\/gestion$/);
    const id = page.url().split('/').at(-2)!;
    await page.getByLabel(fr.survey_opens_on).fill('2026-01-01');
    await page.getByRole('button', { name: fr.survey_publish }).click();
    await expect(page.getByText(fr.survey_published)).toBeVisible();

    // Someone on a phone, then a second person, neither signed in.
    const phone = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'fr-FR' });
    const phonePage = await phone.newPage();
    await answerAsPerson(phonePage, id);
    // A second answer from the same browser is refused, in French.
    await answerAsPerson(phonePage, id).catch(() => undefined);
    await expect(phonePage.getByText(fr.error_survey_already_answered)).toBeVisible();
    await phone.close();
    const other = await browser.newContext({ locale: 'fr-FR' });
    await answerAsPerson(await other.newPage(), id);
    await other.close();

    // A paper questionnaire.
    await page.goto(`/enquetes/${id}/papier`);
    await page.locator('input[name=q_respondent][value=company]').check();
    await page.locator('input[name=q_aware][value=no]').check();
    await page.locator('input[name=q_company_commune_postal]').fill('46700');
    await page.getByRole('button', { name: fr.survey_paper_save }).click();
    await expect(page.getByText(msg(fr, 'error_survey_commune_choose', { postalCode: '46700' })).first()).toBeVisible();
    await page.locator('select[name=q_company_commune_commune]').selectOption('46231');
    await page.locator('input[name=q_network][value=yes]').check();
    await page.getByRole('button', { name: fr.survey_paper_save }).click();
    await expect(page.getByText(fr.survey_paper_saved)).toBeVisible();

    // Three answers: every figure is a small group.
    await page.goto(`/enquetes/${id}/resultats`);
    await expect(page.getByText(fr.results_too_few)).toBeVisible();
    await expect(page.locator('.headline strong').first()).toHaveText('< 5');
  });
});

test.describe('the demo survey', () => {
  test('its results, public results and form pass axe, with charts and their data tables', async ({ page }) => {
    const id = await demoSurveyId(page.request);
    await page.goto(`/enquetes/${id}`);
    await expectNoViolations(page);
    await page.goto(`/enquetes/${id}/resultats-publics`);
    await expect(page.locator('svg[role=img]').first()).toBeVisible();
    await expectNoViolations(page);
    await signIn(page, DEMO_ACCOUNTS.council.email);
    await page.goto(`/enquetes/${id}/resultats?rows=price&columns=age`);
    await expect(page.locator('table.crosstab')).toBeVisible();
    // Respondents by commune on the map, the same figures in the table beside it.
    const map = page.getByRole('region', { name: fr.survey_map_label });
    await expect(map.locator('path.leaflet-interactive').first()).toBeVisible();
    await expect(page.locator('.representation table tbody tr').first()).toBeVisible();
    await expectNoViolations(page);
  });

  test('someone answers with the keyboard only: Tab, arrows, Space and Enter, the focus always visible', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const id = await demoSurveyId(page.request);
    await page.goto(`/enquetes/${id}`);
    const next = page.getByRole('button', { name: fr.survey_next });
    await tabTo(page, page.locator('input[name=q_respondent][value=person]'));
    await page.keyboard.press('Space');
    await tabTo(page, next);
    // The focus shows where it is.
    expect(await next.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('input[name=q_aware][value=yes]'));
    await page.keyboard.press('Space');
    // Within a group the arrows move the choice: "no" after "yes".
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('input[name=q_aware][value=no]')).toBeChecked();
    await tabTo(page, next);
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel(fr.survey_postal_code));
    await page.keyboard.type('46140');
    await page.keyboard.press('Enter');
    // 46140 serves several communes: the server asks which one, and the list takes typed letters.
    await expect(page.getByText(msg(fr, 'error_survey_commune_choose', { postalCode: '46140' })).first()).toBeVisible();
    const commune = page.getByLabel(fr.survey_commune, { exact: true });
    await tabTo(page, commune, true);
    await page.keyboard.type('Luzech');
    await expect(commune).toHaveValue('46182');
    await tabTo(page, next);
    await page.keyboard.press('Enter');
    const submit = page.getByRole('button', { name: fr.survey_submit });
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: fr.survey_thanks_title })).toBeVisible();
    await context.close();
  });

  test('public results through the API for anyone, without filters; the team’s with the map’s communes', async ({ page, playwright }) => {
    const id = await demoSurveyId(page.request);
    for (const [language, catalogue] of [
      ['fr', fr],
      ['en', en],
    ] as const) {
      const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { 'accept-language': language } });
      const response = await api.get(`${API}/surveys/${id}/results`);
      expect(response.status()).toBe(200);
      const open = await response.json();
      expect(open.audience).toBe('public');
      // The questions the demo council made public (surveys/demo.ts), never a free text, no map.
      expect(open.questions.map((q: { code: string }) => q.code)).toEqual(['respondent', 'aware', 'practised', 'reception', 'frequency', 'price', 'difficulties']);
      expect(open.questions.some((q: { texts?: unknown }) => q.texts !== undefined)).toBe(false);
      expect(open.representation).toBeUndefined();
      const filtered = await expectProblem(await api.get(`${API}/surveys/${id}/results?commune=46182`), 403);
      expect(filtered.detail).toBe(catalogue.error_survey_results_filters_team);
      await api.dispose();
    }
    await signIn(page, DEMO_ACCOUNTS.council.email);
    const team = await (await page.request.get(`${API}/surveys/${id}/results?version=1`)).json();
    expect(team.audience).toBe('team');
    expect(team.questions.some((q: { code: string }) => q.code === 'comments')).toBe(true);
    const luzech = team.representation.find((c: { code: string }) => c.code === '46182');
    expect(luzech.count.kind).toBe('count');
    expect(luzech.population).toBeGreaterThan(1000);
  });

  test('the CSV export recomputes the percentages shown by the API', async ({ page }) => {
    const id = await demoSurveyId(page.request);
    await signIn(page, DEMO_ACCOUNTS.council.email);
    const results = await (await page.request.get(`${API}/surveys/${id}/results`)).json();
    const csv = await (await page.request.get(`${API}/surveys/${id}/responses.csv`)).text();
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = csv.slice(1).trim().split('\r\n').map((line) => line.split(';'));
    const price = results.questions.find((q: { code: string }) => q.code === 'price');
    const column = header!.indexOf('price');
    const n = lines.filter((l) => l[column] !== '').length;
    for (const item of price.items.filter((i: { percent: number | null }) => i.percent !== null))
      expect(Math.round((lines.filter((l) => l[column] === item.code).length / n) * 1000) / 10).toBe(item.percent);
  });

  test('bad input gets a 4xx in the caller’s language and stores nothing', async ({ playwright }) => {
    for (const [language, catalogue] of [
      ['fr', fr],
      ['en', en],
    ] as const) {
      const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { 'accept-language': language } });
      const id = await demoSurveyId(api);
      const post = (answers: Record<string, unknown>) => api.post(`${API}/surveys/${id}/responses`, { data: { answers: { respondent: 'person', aware: true, commune: { postalCode: '46140', commune: '46182' }, ...answers } } });
      const cases: [Record<string, unknown>, string, Record<string, string | number>][] = [
        [{ nonsense: 1 }, 'error_survey_question_unknown', { question: 'nonsense' }],
        [{ aware: 'maybe' }, 'error_survey_answer_type', {}],
        [{ price: 'free' }, 'error_survey_choice_not_offered', { choice: 'free' }],
        [{ motivations: ['social', 'internet', 'network', 'travel'] }, 'error_survey_too_many_choices', { max: 3 }],
        [{ commune: { postalCode: '46140', commune: '46231' } }, 'error_survey_commune_postal_code', { postalCode: '46140' }],
      ];
      for (const [answers, key, params] of cases) {
        const problem = await expectProblem(await post(answers), 400);
        expect(JSON.stringify(problem.errors)).toContain(msg(catalogue, key, params));
      }
      // One answer, then the same browser (the cookie the API set) again: 409.
      const first = await post({});
      expect(first.status()).toBe(201);
      const problem = await expectProblem(await post({}), 409);
      expect(problem.detail).toBe(catalogue.error_survey_already_answered);
      await api.dispose();
    }
  });

  test('a retried POST with the same Idempotency-Key stores one answer: 201, then 200', async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const id = await demoSurveyId(api);
    const key = `retry-${Date.now()}`;
    const body = { data: { answers: { respondent: 'company', aware: false, network: true, company_commune: { postalCode: '46700', commune: '46231' } } }, headers: { 'idempotency-key': key } };
    const first = await api.post(`${API}/surveys/${id}/responses`, body);
    expect(first.status()).toBe(201);
    const again = await api.post(`${API}/surveys/${id}/responses`, body);
    expect(again.status()).toBe(200);
    expect(again.headers()['idempotency-replayed']).toBe('true');
    expect((await again.json()).id).toBe((await first.json()).id);
    await api.dispose();
  });
});
