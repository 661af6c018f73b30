import { DomainError } from '$lib/server/errors';
import { directoryPlaces, searchProfiles, SKILLS, type ProfileSearchResult } from '$lib/server/community';
import { requestContext } from '$lib/server/http/form';
import { homeCommuneCode } from '$lib/server/http/home-commune';
import { queryOf, toProblem } from '$lib/server/http/problem';
import { withoutEmptyValues } from '$lib/server/places/contracts';
import { resolveCommuneField } from '$lib/server/territory';

/** The skills directory: a GET form named like GET /api/v1/profiles, so it works without JavaScript. */
export const load = async (event) => {
  const { url, locals } = event;
  const db = locals.runtime.database.db;
  const ctx = requestContext(event);
  const nearText = url.searchParams.get('nearText') ?? '';
  // A first visit starts from the signed-in person's home commune.
  const nearCode = url.searchParams.get('near') ?? (url.search === '' ? await homeCommuneCode(locals) : '');
  const near = { text: nearText, ...(await resolveCommuneField(db, nearCode, nearText)) };
  const query = withoutEmptyValues(queryOf(url));
  delete query.nearText;
  if (near.selected) query.near = near.selected.code;
  else delete query.near;
  const skills = SKILLS.map((skill) => ({ code: skill.code, label: skill[locals.locale] })).sort((a, b) => a.label.localeCompare(b.label, locals.locale));
  const places = await directoryPlaces(ctx);
  let result: ProfileSearchResult | null = null;
  let error: string | null = null;
  try {
    result = await searchProfiles(ctx, query, locals.locale);
  } catch (caught) {
    if (!(caught instanceof DomainError)) throw caught;
    const problem = toProblem(caught, locals.locale);
    locals.pageStatus = 400;
    error = problem.errors?.map((e) => e.message).join(' ') ?? problem.detail;
  }
  return { near, query, result, error, skills, places, signedIn: locals.actor.kind === 'user' };
};
