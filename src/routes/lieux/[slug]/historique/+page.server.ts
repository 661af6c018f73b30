import { requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { placeHistoryAs } from '$lib/server/places';
import { idOrSlug } from '$lib/server/places/contracts';

/** The changes of a place, for those who may read them (anonymous: to the sign-in page; others: 403). */
export const load = (event) => {
  const actor = requireSignedIn(event);
  return pageLoad(event.locals.locale, async () => {
    const { place, entries, organizationNames } = await placeHistoryAs(event.locals.runtime.database.db, actor, parse(idOrSlug, event.params.slug));
    return { place: { name: place.name, slug: place.slug }, entries, organizationNames };
  });
};
