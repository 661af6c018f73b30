import { apiHandler } from '$lib/server/http/api';
import { parse } from '$lib/server/http/problem';
import { getPlace } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';

export const GET = apiHandler(async ({ params, locals }) => getPlace(locals.runtime.database.db, parse(idOrSlug, params.idOrSlug)));
