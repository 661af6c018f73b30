import { DomainError } from '$lib/server/errors';
import { parse, queryOf, toProblem } from '$lib/server/http/problem';
import { canCreatePlace, searchPlaces, withCoverPhotos } from '$lib/server/places';
import { PlaceSearchQuery, toPlaceSearch, withoutEmptyValues } from '$lib/server/places/contracts';
import { resolveCommuneField } from '$lib/server/territory';
import { homeCommuneCode } from '$lib/server/http/home-commune';

/** The directory as a list: the filter form is a GET form named like GET /api/v1/places. */
export const load = async ({ url, locals }) => {
  const db = locals.runtime.database.db;
  const nearText = url.searchParams.get('nearText') ?? '';
  // A first visit (no filter at all) starts from the signed-in person's home commune.
  const nearCode = url.searchParams.get('near') ?? (url.search === '' ? await homeCommuneCode(locals) : '');
  const near = { text: nearText, ...(await resolveCommuneField(db, nearCode, nearText)) };
  const query = withoutEmptyValues(queryOf(url));
  delete query.nearText;
  if (near.selected) query.near = near.selected.code;
  else delete query.near;
  // Operators' staff are offered to add a place.
  const canCreate = canCreatePlace(locals.actor);
  try {
    const found = await searchPlaces(db, toPlaceSearch(parse(PlaceSearchQuery, query)));
    const result = { ...found, items: await withCoverPhotos(db, found.items) };
    return { near, query, result, error: null, canCreate };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const problem = toProblem(error, locals.locale);
    locals.pageStatus = 400;
    return { near, query, result: null, error: problem.errors?.map((e) => e.message).join(' ') ?? problem.detail, canCreate };
  }
};
