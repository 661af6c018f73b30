import { redirect } from '@sveltejs/kit';
import { getProfile } from '$lib/server/accounts';
import { myBookings } from '$lib/server/booking';
import { deleteProfile, myProfile, placeChoices, saveProfile, PROFILE_LANGUAGES, SKILLS, MAX_FREE_SKILLS, MAX_LINKS } from '$lib/server/community';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { chosenCommune, resolveCommuneField } from '$lib/server/territory';

/** Fields posted as one checkbox each (`skill_<code>`): the form helper keeps one value per name. */
const ticked = (values: Record<string, string>, prefix: string) =>
  Object.keys(values)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/[\n,;]/)
    .map((line) => line.trim())
    .filter(Boolean);

export const load = async (event) => {
  const actor = requireSignedIn(event);
  const { locals } = event;
  const ctx = requestContext(event);
  const db = locals.runtime.database.db;
  const profile = await myProfile(ctx, locals.locale);
  const account = await getProfile(db, actor);
  // The places the person booked are offered first: they are the places they use.
  const booked = [...new Set((await myBookings(ctx, '2000-01-01')).map((booking) => booking.placeId))];
  const places = await placeChoices(ctx, booked);
  const communeCode = profile?.commune?.code ?? account.homeCommune?.code ?? '';
  return {
    profile,
    defaultName: actor.name,
    commune: { text: '', ...(await resolveCommuneField(db, communeCode, '')) },
    places: places.map((place) => ({ ...place, booked: booked.includes(place.id) })),
    skills: SKILLS.map((skill) => ({ code: skill.code, label: skill[locals.locale] })).sort((a, b) => a.label.localeCompare(b.label, locals.locale)),
    languages: PROFILE_LANGUAGES,
    maxFreeSkills: MAX_FREE_SKILLS,
    maxLinks: MAX_LINKS,
  };
};

export const actions = {
  save: async (event) => {
    const db = event.locals.runtime.database.db;
    const result = await formAction(event, async (values) => {
      const commune = await chosenCommune(db, values.commune ?? '', values.communeText ?? '', 'communeCode');
      return saveProfile(requestContext(event), {
        publicName: values.publicName ?? '',
        headline: values.headline ?? '',
        about: values.about ?? '',
        visibility: values.visibility ?? 'private',
        skills: ticked(values, 'skill_'),
        freeSkills: lines(values.freeSkills),
        languages: ticked(values, 'language_'),
        communeCode: commune?.code ?? null,
        links: (values.links ?? '').split(/\s+/).filter(Boolean),
        availableForMissions: values.availableForMissions === 'on',
        placeIds: ticked(values, 'place_'),
      });
    });
    if (result && 'id' in result) redirect(303, '/compte/profil?enregistre=1');
    return result;
  },
  delete: async (event) => {
    const result = await formAction(event, () => deleteProfile(requestContext(event)));
    if (result === undefined) redirect(303, '/compte/profil?supprime=1');
    return result;
  },
};
