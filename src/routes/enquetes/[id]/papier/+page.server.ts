import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { toProblem } from '$lib/server/http/problem';
import { allQuestions, allSectionViews, answersOfForm, communeChoices, enterPaperResponse, teamSurvey, textIn } from '$lib/server/surveys';

export const load = async (event) => {
  requireSignedIn(event);
  const survey = await pageLoad(event.locals.locale, () => teamSurvey(requestContext(event), event.params.id));
  return { id: survey.id, title: textIn(survey.definition.title, event.locals.locale), sections: allSectionViews(survey.definition, event.locals.locale), key: randomUUID() };
};

export const actions = {
  default: async (event) => {
    const ctx = requestContext(event);
    const survey = await teamSurvey(ctx, event.params.id);
    const form = await event.request.formData();
    const reader = { get: (n: string) => (typeof form.get(n) === 'string' ? (form.get(n) as string) : null), getAll: (n: string) => form.getAll(n).filter((v): v is string => typeof v === 'string') };
    const questions = allQuestions(survey.definition);
    const { answers, others } = answersOfForm(questions, reader);
    const typed = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
    try {
      await enterPaperResponse(ctx, survey.id, { answers: typed, others }, reader.get('key'));
      return { saved: true, key: randomUUID() };
    } catch (caught) {
      if (!(caught instanceof DomainError)) throw caught;
      const problem = toProblem(caught, event.locals.locale);
      const errors: Record<string, string> = {};
      for (const issue of problem.errors ?? []) errors[issue.path || 'form'] ??= issue.message;
      const values = Object.fromEntries([...new Set([...form.keys()])].filter((n) => n.startsWith('q_')).map((n) => [n, reader.getAll(n)]));
      return fail(problem.status, { message: problem.detail, errors, values, communes: await communeChoices(ctx.db, questions, reader), key: reader.get('key') });
    }
  },
};
