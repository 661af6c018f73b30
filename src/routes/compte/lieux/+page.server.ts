import { canCreatePlace } from '$lib/server/places';
import { managedPlaces } from '$lib/server/booking';
import { requireSignedIn } from '$lib/server/http/form';

/** "Mes lieux": the places the person's organizations run, each with its console and its form. */
export const load = async (event) => {
  const actor = requireSignedIn(event);
  return { places: await managedPlaces({ db: event.locals.runtime.database.db, actor }), canCreate: canCreatePlace(actor) };
};
