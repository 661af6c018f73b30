import { redirect } from '@sveltejs/kit';
import { formAction, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { formValuesOfPlace, PLACE_FORM_LIMITS, placeForEditing, placeInputOfForm, placePriceFigures, updatePlaceAs } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';

/** The edit form of a place, for those who may update it (anonymous: to the sign-in page; others: 403). */
export const load = (event) => {
  const actor = requireSignedIn(event);
  return pageLoad(event.locals.locale, async () => {
    const { place, operators } = await placeForEditing(event.locals.runtime.database.db, actor, parse(idOrSlug, event.params.slug));
    return {
      place: { name: place.name, slug: place.slug, communeName: place.commune.name, operatorOrganizationId: place.operatorOrganizationId },
      values: formValuesOfPlace(place),
      prices: placePriceFigures(place),
      operators,
      limits: PLACE_FORM_LIMITS,
    };
  });
};

export const actions = {
  default: (event) =>
    formAction(event, async (values) => {
      const { input, issues } = placeInputOfForm(values);
      const options = { expectedUpdatedAt: values.updatedAt, issues };
      const place = await updatePlaceAs(event.locals.runtime.database.db, event.locals.actor, parse(idOrSlug, event.params.slug), input, options);
      redirect(303, `/lieux/${place.slug}?enregistre`);
    }),
};
