import * as z from 'zod';
import { invalid, parse, type FieldIssue } from '../errors.ts';
import { AGE_BANDS, MAX_RANKED, MAX_TEXT_LENGTH, OTHER, questionTypes, type QuestionType } from './vocabulary.ts';

/*
 * A survey's definition: sections of questions, every text in French and English. It is plain JSON (stored in
 * `survey_versions.definition`, imported and exported as is), checked here once for every way in.
 *
 * Conditional display ("show if the answer to Q is one of …") may only name a question of an earlier
 * section: the form goes section by section, so the server knows the answer before it shows the condition's
 * section, and the form works without JavaScript.
 */

const CODE = /^[a-z][a-z0-9_]{0,39}$/;
const code = z.string().regex(CODE, 'survey_code_format');
const text = (max: number) => z.string().trim().min(1).max(max);
export const Texts = z.strictObject({ fr: text(500), en: text(500) });
export type Texts = z.infer<typeof Texts>;

/** Choice codes may start with a digit (`10_20` for a price band). */
const choiceCode = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'survey_code_format');
export const Choice = z.strictObject({ code: choiceCode, label: Texts });
export type Choice = z.infer<typeof Choice>;

export const Condition = z.strictObject({ question: code, anyOf: z.array(z.string().min(1).max(40)).min(1).max(50) });
export type Condition = z.infer<typeof Condition>;

const base = {
  code,
  label: Texts,
  help: Texts.optional(),
  required: z.boolean().default(false),
  showIf: Condition.optional(),
};
const choices = z.array(Choice).min(2).max(30);

export const Question = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('single'), choices, other: z.boolean().default(false) }),
  z.strictObject({ ...base, type: z.literal('multiple'), choices, other: z.boolean().default(false), max: z.int().min(1).max(30).optional() }),
  z.strictObject({ ...base, type: z.literal('ranking'), choices, max: z.int().min(1).max(MAX_RANKED).default(MAX_RANKED) }),
  z.strictObject({ ...base, type: z.literal('scale'), low: Texts, high: Texts }),
  z.strictObject({ ...base, type: z.literal('number'), min: z.number().finite(), max: z.number().finite(), integer: z.boolean().default(true), unit: Texts.optional() }),
  z.strictObject({ ...base, type: z.literal('yesno') }),
  z.strictObject({ ...base, type: z.literal('age') }),
  z.strictObject({ ...base, type: z.literal('text'), maxLength: z.int().min(10).max(MAX_TEXT_LENGTH).default(1000) }),
  z.strictObject({ ...base, type: z.literal('commune') }),
]);
export type Question = z.infer<typeof Question>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const Section = z.strictObject({
  code,
  title: Texts,
  intro: Texts.optional(),
  showIf: Condition.optional(),
  questions: z.array(Question).min(1).max(60),
});
export type Section = z.infer<typeof Section>;

export const SurveyDefinition = z.strictObject({
  title: Texts,
  intro: Texts.optional(),
  sections: z.array(Section).min(1).max(20),
});
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

/** One stored answer: a choice, choices (a ranking in order), a number, yes/no, a text, or a commune. */
export type AnswerValue = string | string[] | number | boolean | { postalCode: string; commune: string };
/** What a response stores: answers by question code, and the "other, specify" texts by question code. */
export interface StoredAnswers {
  answers: Record<string, AnswerValue>;
  others: Record<string, string>;
}

/** The codes a condition may name for a question: its choices, yes/no, 1–5, the age bands. */
export function answerCodes(question: Question): string[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
    case 'ranking':
      return [...question.choices.map((c) => c.code), ...('other' in question && question.other ? [OTHER] : [])];
    case 'yesno':
      return ['yes', 'no'];
    case 'scale':
      return ['1', '2', '3', '4', '5'];
    case 'age':
      return [...AGE_BANDS];
    default:
      return [];
  }
}

export const allQuestions = (definition: SurveyDefinition): Question[] => definition.sections.flatMap((s) => s.questions);

/**
 * Parses and checks a definition: the zod shape, then what it cannot say: codes unique, conditions naming a
 * question of an earlier section and answers it can give, bounds in order.
 */
export function parseDefinition(input: unknown): SurveyDefinition {
  const definition = parse(SurveyDefinition, input);
  const issues: FieldIssue[] = [];
  const earlier = new Map<string, Question>();
  const seen = new Set<string>();
  const checkCondition = (condition: Condition | undefined, path: string) => {
    if (!condition) return;
    const target = earlier.get(condition.question);
    if (!target) return issues.push({ path: `${path}.question`, message: 'survey_condition_question', params: { question: condition.question } });
    const allowed = answerCodes(target);
    const wrong = condition.anyOf.find((value) => !allowed.includes(value));
    if (wrong !== undefined) issues.push({ path: `${path}.anyOf`, message: 'survey_condition_value', params: { value: wrong } });
  };
  definition.sections.forEach((section, s) => {
    if (seen.has(section.code)) issues.push({ path: `sections.${s}.code`, message: 'survey_code_duplicate', params: { code: section.code } });
    seen.add(section.code);
    checkCondition(section.showIf, `sections.${s}.showIf`);
    section.questions.forEach((question, q) => {
      const path = `sections.${s}.questions.${q}`;
      if (seen.has(question.code)) issues.push({ path: `${path}.code`, message: 'survey_code_duplicate', params: { code: question.code } });
      seen.add(question.code);
      checkCondition(question.showIf, `${path}.showIf`);
      if ('choices' in question) {
        const codes = question.choices.map((c) => c.code);
        if (new Set(codes).size !== codes.length || codes.includes(OTHER))
          issues.push({ path: `${path}.choices`, message: 'survey_choice_codes', params: { other: OTHER } });
      }
      if (question.type === 'number' && question.min >= question.max) issues.push({ path: `${path}.max`, message: 'survey_number_bounds' });
    });
    // Only now are this section's questions "earlier" for the sections after it.
    for (const question of section.questions) earlier.set(question.code, question);
  });
  if (issues.length) throw invalid('invalid_input', { count: issues.length }, issues);
  return definition;
}

/** A text in the person's language. */
export const textIn = (texts: Texts, locale: string) => (locale === 'en' ? texts.en : texts.fr);

/**
 * What an edit changes in meaning for a question that has answers: its type, its choices, its bounds. Labels
 * may be reworded (typos, a translation) without a new meaning.
 */
export function meaningOf(question: Question): string {
  const { label: _label, help: _help, ...rest } = question;
  const shape: Record<string, unknown> = { ...rest };
  if ('choices' in question) shape.choices = question.choices.map((c) => c.code);
  for (const key of ['low', 'high', 'unit'] as const) delete shape[key];
  return JSON.stringify(Object.keys(shape).sort().map((key) => [key, shape[key]]));
}
