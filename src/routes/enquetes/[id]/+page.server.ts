import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { pageLoad } from '$lib/server/http/page';
import { toProblem } from '$lib/server/http/problem';
import {
  advanceForm,
  browserRespondent,
  communeChoices,
  draftOf,
  publicSurvey,
  respondentCookieName,
  sectionViews,
  stateOf,
  submitResponse,
  textIn,
  todayOf,
} from '$lib/server/surveys';

export const load = async ({ params, locals }) => {
  const survey = await pageLoad(locals.locale, () => publicSurvey(locals.runtime.database.db, params.id));
  const sections = sectionViews(survey.definition, {}, locals.locale);
  return {
    id: survey.id,
    title: textIn(survey.definition.title, locals.locale),
    intro: survey.definition.intro ? textIn(survey.definition.intro, locals.locale) : null,
    organizationName: survey.organizationName,
    state: stateOf(survey, todayOf()),
    opensOn: survey.opensOn,
    codeRequired: survey.codeRequired,
    sections,
    // A new retry key for each form shown: a double click or a resent POST stores one answer.
    key: randomUUID(),
  };
};

export const actions = {
  default: async ({ request, params, locals, cookies, getClientAddress }) => {
    const db = locals.runtime.database.db;
    const form = await request.formData();
    const text = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : null);
    const reader = { get: text, getAll: (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string') };
    const step = Number(text('step') ?? 0) || 0;
    const draft = draftOf(text('draft'));
    const code = text('code')?.trim() ?? '';
    const key = text('key') ?? randomUUID();
    const survey = await publicSurvey(db, params.id);
    try {
      const outcome = await advanceForm(db, survey, step, draft, reader);
      if (outcome.kind === 'next') return { step: outcome.step, draft: JSON.stringify(outcome.draft), sections: sectionViews(survey.definition, outcome.draft.answers, locals.locale), code, key };
      const name = respondentCookieName(survey.id);
      const respondent = await browserRespondent(db, survey.id, cookies.get(name));
      const contact = text('contact') === 'on' ? { name: text('contact_name') ?? '', email: text('contact_email') ?? '', phone: text('contact_phone') ?? '' } : undefined;
      await submitResponse(
        db,
        survey.id,
        { ...outcome.draft, ...(contact && { contact }), ...(code && { accessCode: code, oneTimeCode: code }), website: text('website') ?? '' },
        { channel: 'online', respondentToken: respondent.token, submissionKey: key, clientKey: getClientAddress() },
      );
      cookies.set(name, respondent.cookie, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86_400 });
    } catch (caught) {
      if (!(caught instanceof DomainError)) throw caught;
      const problem = toProblem(caught, locals.locale);
      const errors: Record<string, string> = {};
      for (const issue of problem.errors ?? []) errors[issue.path || 'form'] ??= issue.message;
      const shown = sectionViews(survey.definition, draft.answers, locals.locale);
      const section = survey.definition.sections[step] ?? survey.definition.sections[0]!;
      return fail(problem.status, {
        message: problem.detail,
        errors,
        step,
        draft: JSON.stringify(draft),
        sections: shown,
        code,
        key,
        values: Object.fromEntries([...form.entries()].filter(([name, v]) => typeof v === 'string' && name.startsWith('q_')).map(([name]) => [name, reader.getAll(name)])),
        communes: await communeChoices(db, section.questions, reader),
      });
    }
    redirect(303, `/enquetes/${survey.id}/merci`);
  },
};
