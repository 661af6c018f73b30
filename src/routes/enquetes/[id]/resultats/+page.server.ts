import { requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { queryOf } from '$lib/server/http/problem';
import { allQuestions, crossTabbable, optionsOf, teamResults, textIn } from '$lib/server/surveys';

export const load = async (event) => {
  requireSignedIn(event);
  const { locale } = event.locals;
  const report = await pageLoad(locale, () => teamResults(requestContext(event), event.params.id, queryOf(event.url), locale), 400);
  const { definition } = report.survey;
  const first = definition.sections[0]?.questions[0];
  const filterable = allQuestions(definition).filter(crossTabbable);
  return {
    id: report.survey.id,
    title: textIn(definition.title, locale),
    organizationName: report.survey.organizationName,
    query: report.query,
    results: report.results,
    crossTab: report.crossTab,
    representation: report.representation,
    versions: report.versions,
    paths: first ? optionsOf(first, locale) : [],
    questions: filterable.map((q) => ({ code: q.code, label: textIn(q.label, locale), options: optionsOf(q, locale) })),
    exportQuery: event.url.search,
  };
};
