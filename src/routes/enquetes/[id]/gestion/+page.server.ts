import type { RequestEvent } from '@sveltejs/kit';
import { invalid } from '$lib/server/errors';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import {
  allQuestions,
  closeSurvey,
  createOneTimeCodes,
  oneTimeCodeCounts,
  publishSurvey,
  stateOf,
  surveyContactList,
  teamSurvey,
  textIn,
  todayOf,
  updateDefinition,
  versionCounts,
} from '$lib/server/surveys';

export const load = async (event) => {
  requireSignedIn(event);
  const ctx = requestContext(event);
  const { locale } = event.locals;
  const survey = await pageLoad(locale, () => teamSurvey(ctx, event.params.id));
  const [versions, codes, contacts] = await Promise.all([versionCounts(ctx.db, survey.id), oneTimeCodeCounts(ctx, survey.id), surveyContactList(ctx, survey.id)]);
  return {
    id: survey.id,
    title: textIn(survey.definition.title, locale),
    organizationName: survey.organizationName,
    status: survey.status,
    state: stateOf(survey, todayOf()),
    opensOn: survey.opensOn ?? '',
    closesOn: survey.closesOn ?? '',
    publicQuestions: survey.publicQuestions,
    questions: allQuestions(survey.definition).filter((q) => q.type !== 'text').map((q) => ({ code: q.code, label: textIn(q.label, locale) })),
    versions,
    codes,
    contacts,
    definition: JSON.stringify(survey.definition, null, 2),
  };
};

const ctxOf = (event: RequestEvent) => requestContext(event);

export const actions = {
  publish: async (event) =>
    formAction(event, async (values) => {
      // One checkbox per question: `public_<code>`.
      const publicQuestions = Object.keys(values).filter((key) => key.startsWith('public_')).map((key) => key.slice('public_'.length));
      await publishSurvey(ctxOf(event), event.params.id, { opensOn: values.opensOn, closesOn: values.closesOn, publicQuestions, ...(values.changeCode === 'on' && { accessCode: values.accessCode ?? '' }) });
      return { done: 'published' as const };
    }),
  close: async (event) =>
    formAction(event, async () => {
      await closeSurvey(ctxOf(event), event.params.id);
      return { done: 'closed' as const };
    }),
  codes: async (event) =>
    formAction(event, async (values) => ({ done: 'codes' as const, codes: await createOneTimeCodes(ctxOf(event), event.params.id, Number(values.count)) })),
  definition: async (event) =>
    formAction(event, async (values) => {
      let definition: unknown;
      try {
        definition = JSON.parse(values.definition ?? '');
      } catch {
        throw invalid('invalid_input', { count: 1 }, [{ path: 'definition', message: 'survey_definition_json' }]);
      }
      const { version } = await updateDefinition(ctxOf(event), event.params.id, definition);
      return { done: 'definition' as const, version };
    }),
};
