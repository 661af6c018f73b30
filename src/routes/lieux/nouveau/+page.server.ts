import { redirect } from '@sveltejs/kit';
import { formAction, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { createPlaceAs, newPlaceFormValues, operatorsForNewPlace, PLACE_FORM_LIMITS, placeInputOfForm } from '$lib/server/places';

/** A new place, for one of the operator organizations of the person (anonymous: to the sign-in page; none: 403). */
export const load = (event) => {
  const actor = requireSignedIn(event);
  return pageLoad(event.locals.locale, async () => {
    const operators = await operatorsForNewPlace(event.locals.runtime.database.db, actor);
    return { operators, values: newPlaceFormValues(operators.map((o) => o.id)), limits: PLACE_FORM_LIMITS };
  });
};

export const actions = {
  default: (event) =>
    formAction(event, async (values) => {
      const { input, issues } = placeInputOfForm(values);
      const place = await createPlaceAs(event.locals.runtime.database.db, event.locals.actor, input, { issues });
      redirect(303, `/lieux/${place.slug}?cree`);
    }),
};
