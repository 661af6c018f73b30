import { redirect } from '@sveltejs/kit';
import { can } from '$lib/server/accounts';
import { formAction, requestContext } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { communeCodesOfText, deleteCommuneSet, listCommuneSets, saveCommuneSet } from '$lib/server/observatory';

export const load = (event) =>
  pageLoad(event.locals.locale, async () => {
    const actor = event.locals.actor;
    const organizations =
      actor.kind === 'user'
        ? actor.memberships.filter((m) => can(actor, 'siting.run', { type: 'organization', id: m.organizationId, kind: m.organizationKind }))
        : [];
    const db = event.locals.runtime.database.db;
    return {
      signedIn: actor.kind === 'user',
      allowed: organizations.length > 0,
      organizations: organizations.map((m) => m.organizationId),
      sets: organizations.length === 1 ? await listCommuneSets({ db, actor }) : [],
    };
  });

export const actions = {
  save: async (event) => {
    const saved = await formAction(event, async (values) =>
      saveCommuneSet(requestContext(event), { name: values.name ?? '', communes: communeCodesOfText(values.communes ?? ''), organizationId: values.organizationId || undefined }),
    );
    if ('id' in saved) redirect(303, `/territoires/ensembles/${saved.id}/observatoire`);
    return saved;
  },
  delete: (event) =>
    formAction(event, async (values) => {
      await deleteCommuneSet(requestContext(event), Number(values.id), values.organizationId || undefined);
      return { deleted: true };
    }),
};
