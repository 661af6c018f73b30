import { fail, redirect } from '@sveltejs/kit';
import { formAction, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { communePickerOf, createPlaceAs, newPlaceFormValues, operatorsForNewPlace, PLACE_FORM_LIMITS, placeInputOfFormWithCommune } from '$lib/server/places';

/** A new place, for one of the operator organizations of the person (anonymous: to the sign-in page; none: 403). */
export const load = (event) => {
  const actor = requireSignedIn(event);
  return pageLoad(event.locals.locale, async () => {
    const operators = await operatorsForNewPlace(event.locals.runtime.database.db, actor);
    return {
      operators,
      values: newPlaceFormValues(operators.map((o) => o.id)),
      limits: PLACE_FORM_LIMITS,
      commune: { text: '', selected: null, candidates: [] },
    };
  });
};

export const actions = {
  default: async (event) => {
    const db = event.locals.runtime.database.db;
    const result = await formAction(event, async (values) => {
      const { input, issues } = await placeInputOfFormWithCommune(db, values);
      const place = await createPlaceAs(db, event.locals.actor, input, { issues });
      redirect(303, `/lieux/${place.slug}?cree`);
    });
    // Saved: redirected. Refused: the communes the text typed may mean, for the picker to offer.
    const { communeCode = '', communeCodeText = '' } = result.data.values;
    return fail(result.status, { ...result.data, commune: await communePickerOf(db, communeCode, communeCodeText) });
  },
};
