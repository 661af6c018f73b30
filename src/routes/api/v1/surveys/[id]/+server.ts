import { json } from '@sveltejs/kit';
import { publicSurvey } from '$lib/server/surveys';
import { apiHandler } from '$lib/server/http/api';

export const GET = apiHandler(async ({ locals, params }) => {
  const s = await publicSurvey(locals.runtime.database.db, params.id ?? '');
  return json({ id: s.id, version: s.currentVersion, status: s.status, opensOn: s.opensOn, closesOn: s.closesOn, codeRequired: s.codeRequired, definition: s.definition });
});
