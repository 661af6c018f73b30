import { fail, redirect } from '@sveltejs/kit';
import { formAction, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { communePickerOf, formValuesOfPlace, PLACE_FORM_LIMITS, placeForEditing, placeInputOfFormWithCommune, placePriceFigures, updatePlaceAs } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';

/** The edit form of a place, for those who may update it (anonymous: to the sign-in page; others: 403). */
export const load = (event) => {
  const actor = requireSignedIn(event);
  return pageLoad(event.locals.locale, async () => {
    const db = event.locals.runtime.database.db;
    const { place, operators } = await placeForEditing(db, actor, parse(idOrSlug, event.params.slug));
    return {
      place: { name: place.name, slug: place.slug, operatorOrganizationId: place.operatorOrganizationId },
      values: formValuesOfPlace(place),
      commune: await communePickerOf(db, place.communeCode),
      prices: placePriceFigures(place),
      operators,
      limits: PLACE_FORM_LIMITS,
    };
  });
};

export const actions = {
  default: async (event) => {
    const db = event.locals.runtime.database.db;
    const result = await formAction(event, async (values) => {
      const { input, issues } = await placeInputOfFormWithCommune(db, values);
      const options = { expectedUpdatedAt: values.updatedAt, issues };
      const place = await updatePlaceAs(db, event.locals.actor, parse(idOrSlug, event.params.slug), input, options);
      redirect(303, `/lieux/${place.slug}?enregistre`);
    });
    // Saved: redirected. Refused: the communes the text typed may mean, for the picker to offer.
    const { communeCode = '', communeCodeText = '' } = result.data.values;
    return fail(result.status, { ...result.data, commune: await communePickerOf(db, communeCode, communeCodeText) });
  },
};
