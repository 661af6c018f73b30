import { invalid, type FieldIssue } from '../errors.ts';
import { allQuestions, type AnswerValue, type Condition, type Question, type Section, type StoredAnswers, type SurveyDefinition } from './definition.ts';
import { AGE_BANDS, MAX_OTHER_LENGTH, OTHER } from './vocabulary.ts';

/*
 * Which questions a respondent sees and whether their answers fit them: pure, the same for the online form,
 * the API and paper answers typed in by staff. Answers to questions a condition hides are not kept.
 */

/** The codes an answer stands for in conditions and cross-tabulations. */
export function codesOf(value: AnswerValue | undefined): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'boolean') return [value ? 'yes' : 'no'];
  if (typeof value === 'number') return [String(value)];
  if (typeof value === 'object') return [value.commune];
  return [value];
}

function holds(condition: Condition | undefined, answers: Record<string, AnswerValue>, shown: Set<string>): boolean {
  if (!condition) return true;
  if (!shown.has(condition.question)) return false;
  return codesOf(answers[condition.question]).some((code) => condition.anyOf.includes(code));
}

/** The sections shown, each with its questions shown, given the answers so far (conditions look back only). */
export function visibleSections(definition: SurveyDefinition, answers: Record<string, AnswerValue>): { section: Section; index: number; questions: Question[] }[] {
  const shown = new Set<string>();
  const result: { section: Section; index: number; questions: Question[] }[] = [];
  definition.sections.forEach((section, index) => {
    if (!holds(section.showIf, answers, shown)) return;
    const questions = section.questions.filter((q) => holds(q.showIf, answers, shown));
    result.push({ section, index, questions });
    for (const q of questions) shown.add(q.code);
  });
  return result;
}

/** Lists the communes a postal code serves (the territory domain answers). */
export type CommunesOfPostalCode = (postalCode: string) => Promise<string[]>;

const POSTAL_CODE = /^\d{5}$/;

/** One answer checked against its question; the issue's message key, or the value to store. */
function checkOne(question: Question, raw: unknown): { value: AnswerValue } | { issue: string; params?: Record<string, string | number> } {
  const typeError = { issue: 'survey_answer_type', params: { type: question.type } };
  switch (question.type) {
    case 'single':
    case 'age': {
      if (typeof raw !== 'string') return typeError;
      const offered = question.type === 'age' ? [...AGE_BANDS] : [...question.choices.map((c) => c.code), ...(question.other ? [OTHER] : [])];
      return offered.includes(raw) ? { value: raw } : { issue: 'survey_choice_not_offered', params: { choice: raw.slice(0, 40) } };
    }
    case 'multiple':
    case 'ranking': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return typeError;
      const values = raw as string[];
      const offered = [...question.choices.map((c) => c.code), ...(question.type === 'multiple' && question.other ? [OTHER] : [])];
      const wrong = values.find((v) => !offered.includes(v));
      if (wrong !== undefined) return { issue: 'survey_choice_not_offered', params: { choice: wrong.slice(0, 40) } };
      if (new Set(values).size !== values.length) return { issue: 'survey_choice_repeated' };
      const max = question.max ?? offered.length;
      if (values.length > max) return { issue: 'survey_too_many_choices', params: { max } };
      return { value: values };
    }
    case 'scale':
      return Number.isInteger(raw) && (raw as number) >= 1 && (raw as number) <= 5 ? { value: raw as number } : { issue: 'survey_number_range', params: { min: 1, max: 5 } };
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return typeError;
      if (question.integer && !Number.isInteger(raw)) return { issue: 'survey_number_integer' };
      return raw >= question.min && raw <= question.max ? { value: raw } : { issue: 'survey_number_range', params: { min: question.min, max: question.max } };
    }
    case 'yesno':
      return typeof raw === 'boolean' ? { value: raw } : typeError;
    case 'text':
      if (typeof raw !== 'string') return typeError;
      return raw.length <= question.maxLength ? { value: raw } : { issue: 'survey_text_too_long', params: { max: question.maxLength } };
    case 'commune': {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return typeError;
      const { postalCode, commune, ...rest } = raw as Record<string, unknown>;
      if (Object.keys(rest).length || typeof postalCode !== 'string' || typeof commune !== 'string') return typeError;
      if (!POSTAL_CODE.test(postalCode)) return { issue: 'survey_postal_code_format' };
      return { value: { postalCode, commune } };
    }
  }
}

const isEmpty = (raw: unknown) => raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);

/**
 * Checks a whole submission against a definition: every code known, every answer of its question's type
 * and within its choices and limits, required questions answered, a commune that the postal code serves.
 * Throws one `invalid` error listing every issue (paths `answers.<code>`); returns what to store.
 * `upTo`: only the sections up to this index (a step of the form); later ones are not checked yet.
 */
export async function checkAnswers(
  definition: SurveyDefinition,
  input: { answers: Record<string, unknown>; others?: Record<string, unknown> },
  communesOf: CommunesOfPostalCode,
  upTo = Infinity,
): Promise<StoredAnswers> {
  const issues: FieldIssue[] = [];
  const known = new Map(allQuestions(definition).map((q) => [q.code, q]));
  for (const code of Object.keys(input.answers)) if (!known.has(code)) issues.push({ path: `answers.${code.slice(0, 40)}`, message: 'survey_question_unknown', params: { question: code.slice(0, 40) } });
  for (const code of Object.keys(input.others ?? {})) if (!known.has(code)) issues.push({ path: `others.${code.slice(0, 40)}`, message: 'survey_question_unknown', params: { question: code.slice(0, 40) } });
  if (issues.length) throw invalid('invalid_input', { count: issues.length }, issues);

  // Conditions read answers that are valid: check section by section, in order.
  const answers: Record<string, AnswerValue> = {};
  const others: Record<string, string> = {};
  const shown = new Set<string>();
  for (const [index, section] of definition.sections.entries()) {
    if (index > upTo) break;
    if (!holds(section.showIf, answers, shown)) continue;
    for (const question of section.questions) {
      if (!holds(question.showIf, answers, shown)) continue;
      shown.add(question.code);
      const raw = input.answers[question.code];
      const path = `answers.${question.code}`;
      if (isEmpty(raw)) {
        if (question.required) issues.push({ path, message: 'survey_answer_required' });
        continue;
      }
      const checked = checkOne(question, raw);
      if ('issue' in checked) {
        issues.push({ path, message: checked.issue, ...(checked.params && { params: checked.params }) });
        continue;
      }
      if (question.type === 'commune' && typeof checked.value === 'object' && !Array.isArray(checked.value)) {
        const served = await communesOf(checked.value.postalCode);
        // A postal code that serves one commune settles it; one that serves several asks which.
        if (checked.value.commune === '' && served.length === 1) checked.value = { ...checked.value, commune: served[0]! };
        if (served.length === 0) {
          issues.push({ path, message: 'survey_postal_code_unknown', params: { postalCode: checked.value.postalCode } });
          continue;
        }
        if (checked.value.commune === '') {
          issues.push({ path, message: 'survey_commune_choose', params: { postalCode: checked.value.postalCode } });
          continue;
        }
        if (!served.includes(checked.value.commune)) {
          issues.push({ path, message: 'survey_commune_postal_code', params: { postalCode: checked.value.postalCode } });
          continue;
        }
      }
      answers[question.code] = checked.value;
      if (codesOf(checked.value).includes(OTHER) && question.type !== 'age') {
        const other = input.others?.[question.code];
        if (typeof other !== 'string' || !other.trim()) issues.push({ path: `others.${question.code}`, message: 'survey_other_required' });
        else if (other.length > MAX_OTHER_LENGTH) issues.push({ path: `others.${question.code}`, message: 'survey_text_too_long', params: { max: MAX_OTHER_LENGTH } });
        else others[question.code] = other.trim();
      }
    }
  }
  if (issues.length) throw invalid('invalid_input', { count: issues.length }, issues);
  return { answers, others };
}

/**
 * A form's fields (`q_<code>`, repeated for multiple choices; `q_<code>_1…3` for a ranking; `q_<code>_postal`
 * and `q_<code>_commune`; `q_<code>_other`) as the typed answers `checkAnswers` reads. Text that cannot be
 * its type stays text, so the check names the problem.
 */
export function answersOfForm(questions: Question[], form: { get(name: string): string | null; getAll(name: string): string[] }) {
  const answers: Record<string, unknown> = {};
  const others: Record<string, unknown> = {};
  for (const q of questions) {
    const name = `q_${q.code}`;
    const one = form.get(name)?.trim() ?? '';
    switch (q.type) {
      case 'multiple':
        answers[q.code] = form.getAll(name).filter(Boolean);
        break;
      case 'ranking':
        answers[q.code] = [1, 2, 3].map((rank) => form.get(`${name}_${rank}`) ?? '').filter(Boolean);
        break;
      case 'scale':
      case 'number':
        answers[q.code] = one === '' ? undefined : Number.isFinite(Number(one.replace(',', '.'))) ? Number(one.replace(',', '.')) : one;
        break;
      case 'yesno':
        answers[q.code] = one === 'yes' ? true : one === 'no' ? false : one || undefined;
        break;
      case 'commune': {
        const postalCode = form.get(`${name}_postal`)?.trim() ?? '';
        const commune = form.get(`${name}_commune`)?.trim() ?? '';
        answers[q.code] = postalCode || commune ? { postalCode, commune } : undefined;
        break;
      }
      default:
        answers[q.code] = one || undefined;
    }
    const other = form.get(`${name}_other`);
    if (other?.trim()) others[q.code] = other;
  }
  return { answers, others };
}
