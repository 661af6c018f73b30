import { json } from '@sveltejs/kit';
import { openSurveys, textIn } from '$lib/server/surveys';
import { apiHandler } from '$lib/server/http/api';

export const GET = apiHandler(async ({ locals }) => {
  const surveys = await openSurveys(locals.runtime.database.db);
  return json({
    items: surveys.map((s) => ({ id: s.id, title: textIn(s.definition.title, locals.locale), opensOn: s.opensOn, closesOn: s.closesOn, codeRequired: s.codeRequired, url: `/enquetes/${s.id}` })),
  });
});
