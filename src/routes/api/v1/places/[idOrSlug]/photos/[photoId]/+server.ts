import { apiHandler } from '$lib/server/http/api';
import { parse } from '$lib/server/http/problem';
import { deletePlacePhoto } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';

export const DELETE = apiHandler(async ({ params, locals }) => {
  await deletePlacePhoto(locals.runtime.database.db, locals.actor, parse(idOrSlug, params.idOrSlug), params.photoId ?? '');
  return new Response(null, { status: 204 });
});
