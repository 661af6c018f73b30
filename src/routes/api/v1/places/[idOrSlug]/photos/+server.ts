import { json } from '@sveltejs/kit';
import { unsupportedMedia } from '$lib/server/errors';
import { apiHandler } from '$lib/server/http/api';
import { parse, queryOf } from '$lib/server/http/problem';
import { addPlacePhoto } from '$lib/server/places';
import { idOrSlug, PhotoUploadQuery } from '$lib/server/places/contracts';

/** The image types a photo is sent as: none of them is a type another site's form can post. */
const IMAGE_TYPE = /^image\/(jpeg|png|webp)\s*(;|$)/i;

/** 201 with the photo added; the body is the image itself, its alt texts in the query. */
export const POST = apiHandler(async ({ params, locals, request, url }) => {
  if (!IMAGE_TYPE.test(request.headers.get('content-type') ?? '')) throw unsupportedMedia('place_photo_type_required');
  const { altFr, altEn } = parse(PhotoUploadQuery, queryOf(url));
  // Past the upload limit while streaming, reading fails with the domain's refusal (body-limit.ts).
  const bytes = new Uint8Array(await request.arrayBuffer());
  const photo = await addPlacePhoto(locals.runtime.database.db, locals.actor, parse(idOrSlug, params.idOrSlug), { bytes, altFr, altEn });
  return json(photo, { status: 201 });
});
