import type { Db } from '../db/database.ts';
import { searchCommunesByPostalCode } from '../territory/index.ts';
import { answersOfForm, checkAnswers, visibleSections } from './answers.ts';
import { textIn, type Question, type StoredAnswers, type SurveyDefinition } from './definition.ts';
import { optionsOf } from './results.ts';
import type { SurveyRecord } from './service.ts';

/*
 * The public form, section by section, so that conditions are decided on the server and the form works
 * without JavaScript: each step posts its section with the answers so far (a hidden field, checked again in
 * full at the end: nothing in it is trusted), and the server says which section comes next.
 */

export interface QuestionView {
  code: string;
  type: Question['type'];
  label: string;
  help: string | null;
  required: boolean;
  options: { code: string; label: string }[];
  other: boolean;
  max: number | null;
  min: number | null;
  maxLength: number | null;
  unit: string | null;
  low: string | null;
  high: string | null;
}

export interface SectionView {
  index: number;
  code: string;
  title: string;
  intro: string | null;
  questions: QuestionView[];
}

export function questionView(question: Question, locale: string): QuestionView {
  return {
    code: question.code,
    type: question.type,
    label: textIn(question.label, locale),
    help: question.help ? textIn(question.help, locale) : null,
    required: question.required,
    options: optionsOf(question, locale),
    other: 'other' in question ? question.other : false,
    max: 'max' in question ? (question.max ?? null) : null,
    min: question.type === 'number' ? question.min : null,
    maxLength: question.type === 'text' ? question.maxLength : null,
    unit: question.type === 'number' && question.unit ? textIn(question.unit, locale) : null,
    low: question.type === 'scale' ? textIn(question.low, locale) : null,
    high: question.type === 'scale' ? textIn(question.high, locale) : null,
  };
}

/** The sections shown given the answers so far, as the page renders them. */
export function sectionViews(definition: SurveyDefinition, answers: StoredAnswers['answers'], locale: string): SectionView[] {
  return visibleSections(definition, answers).map(({ section, index, questions }) => ({
    index,
    code: section.code,
    title: textIn(section.title, locale),
    intro: section.intro ? textIn(section.intro, locale) : null,
    questions: questions.map((q) => questionView(q, locale)),
  }));
}

/** Every section and question, conditions ignored (the paper entry form, where staff follow the paper). */
export const allSectionViews = (definition: SurveyDefinition, locale: string): SectionView[] =>
  definition.sections.map((section, index) => ({
    index,
    code: section.code,
    title: textIn(section.title, locale),
    intro: section.intro ? textIn(section.intro, locale) : null,
    questions: section.questions.map((q) => questionView(q, locale)),
  }));

export const emptyAnswers = (): StoredAnswers => ({ answers: {}, others: {} });

/** The answers so far from the hidden field; anything unreadable starts again from nothing. */
export function draftOf(text: string | null | undefined): StoredAnswers {
  try {
    const value = JSON.parse(text ?? '') as StoredAnswers;
    if (value && typeof value.answers === 'object' && typeof value.others === 'object' && !Array.isArray(value.answers)) return value;
  } catch {
    // a missing or tampered draft: start again
  }
  return emptyAnswers();
}

export interface FormLike {
  get(name: string): string | null;
  getAll(name: string): string[];
}

export type StepOutcome = { kind: 'next'; step: number; draft: StoredAnswers } | { kind: 'done'; draft: StoredAnswers };

/**
 * One step: the section `step` read from the form, merged with the answers so far, everything up to it
 * checked (throws the issues), then the next section shown, or done.
 */
export async function advanceForm(db: Db, survey: SurveyRecord, step: number, draft: StoredAnswers, form: FormLike): Promise<StepOutcome> {
  const { definition } = survey;
  const shown = visibleSections(definition, draft.answers);
  const current = shown.find((s) => s.index === step) ?? shown[0]!;
  const posted = answersOfForm(current.section.questions, form);
  const codes = new Set(current.section.questions.map((q) => q.code));
  const keep = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([code]) => !codes.has(code)));
  const answers = { ...keep(draft.answers), ...Object.fromEntries(Object.entries(posted.answers).filter(([, v]) => v !== undefined)) };
  const others = { ...keep(draft.others), ...(posted.others as Record<string, string>) };
  const stored = await checkAnswers(definition, { answers, others }, async (postalCode) => (await searchCommunesByPostalCode(db, postalCode)).map((c) => c.code), current.index);
  const next = visibleSections(definition, stored.answers).find((s) => s.index > current.index);
  return next ? { kind: 'next', step: next.index, draft: stored } : { kind: 'done', draft: stored };
}

/** For commune questions whose postal code was typed: the communes it serves, to choose from. */
export async function communeChoices(db: Db, questions: Question[], form: FormLike): Promise<Record<string, { code: string; name: string }[]>> {
  const choices: Record<string, { code: string; name: string }[]> = {};
  for (const q of questions) {
    if (q.type !== 'commune') continue;
    const postalCode = form.get(`q_${q.code}_postal`)?.trim() ?? '';
    if (/^\d{5}$/.test(postalCode)) choices[q.code] = (await searchCommunesByPostalCode(db, postalCode)).map((c) => ({ code: c.code, name: c.name }));
  }
  return choices;
}
