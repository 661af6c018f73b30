import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formAction, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { addPlacePhoto, deletePlacePhoto, movePlacePhoto, PHOTO_LIMITS, placePhotosForEditing, updatePlacePhotoText, type PhotoMove } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';

/** What the page confirms after each action (`?ajoutee`…), in the order they are looked for. */
const DONE = ['ajoutee', 'enregistree', 'deplacee', 'supprimee'] as const;

/** The photos of a place, for those who may edit it (anonymous: to the sign-in page; others: 403). */
export const load = (event) => {
  const actor = requireSignedIn(event);
  return pageLoad(event.locals.locale, async () => {
    const { place, photos } = await placePhotosForEditing(event.locals.runtime.database.db, actor, parse(idOrSlug, event.params.slug));
    return {
      place: { name: place.name, slug: place.slug },
      photos,
      limits: { perPlace: PHOTO_LIMITS.perPlace, altMaxLength: PHOTO_LIMITS.altMaxLength },
      done: DONE.find((key) => event.url.searchParams.has(key)) ?? null,
      // A photo over the upload limit, sent without JavaScript, never reached the action: its refusal goes beside the file.
      refusalInPlace: event.locals.formRefusal?.code === 'body_too_large' ? event.locals.formRefusal.message : null,
    };
  });
};

type Event = RequestEvent<{ slug: string }>;
const db = (event: Event) => event.locals.runtime.database.db;
const place = (event: Event) => parse(idOrSlug, event.params.slug);
const back = (event: Event, done: (typeof DONE)[number]): never => redirect(303, `/lieux/${event.params.slug}/photos?${done}`);

export const actions = {
  add: async (event) => {
    // The file is read apart: the form helper keeps text fields only.
    const file = (await event.request.clone().formData()).get('file');
    const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
    return formAction(event, async (values) => {
      await addPlacePhoto(db(event), event.locals.actor, place(event), { bytes, altFr: values.altFr ?? '', altEn: values.altEn ?? '' });
      back(event, 'ajoutee');
    });
  },
  text: (event) =>
    formAction(event, async (values) => {
      await updatePlacePhotoText(db(event), event.locals.actor, place(event), values.photoId ?? '', { altFr: values.altFr ?? '', altEn: values.altEn ?? '' });
      back(event, 'enregistree');
    }),
  move: (event) =>
    formAction(event, async (values) => {
      await movePlacePhoto(db(event), event.locals.actor, place(event), values.photoId ?? '', values.move as PhotoMove);
      back(event, 'deplacee');
    }),
  delete: (event) =>
    formAction(event, async (values) => {
      await deletePlacePhoto(db(event), event.locals.actor, place(event), values.photoId ?? '');
      back(event, 'supprimee');
    }),
};
