import { can } from '$lib/server/accounts';
import { formAction, requestContext } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { listScenarios, runSiting, saveScenario, sitingCandidates, sitingRequestOfForm } from '$lib/server/observatory';
import { TerritoryPath } from '$lib/server/observatory/contracts';
import { KIND_OF_SEGMENT } from '$lib/server/observatory/view';

const territoryOf = (params: { kind: string; code: string }) => parse(TerritoryPath, { kind: KIND_OF_SEGMENT[params.kind], code: params.code });

export const load = (event) =>
  pageLoad(event.locals.locale, async () => {
    const territory = territoryOf(event.params);
    const db = event.locals.runtime.database.db;
    const actor = event.locals.actor;
    // Who may run: a member of a territory organization (the one `can`), told apart from visitors.
    const organizations =
      actor.kind === 'user'
        ? actor.memberships.filter((m) => can(actor, 'siting.run', { type: 'organization', id: m.organizationId, kind: m.organizationKind }))
        : [];
    const candidates = await sitingCandidates(db, territory.kind, territory.code);
    const scenarios = organizations.length === 1 ? await listScenarios({ db, actor }) : [];
    return {
      territory,
      signedIn: actor.kind === 'user',
      allowed: organizations.length > 0,
      organizations: organizations.map((m) => m.organizationId),
      candidates: candidates.slice(0, 200),
      candidateCount: candidates.length,
      scenarios: scenarios.filter((s) => s.result.territory.kind === territory.kind && s.result.territory.code === territory.code),
    };
  });

export const actions = {
  run: (event) =>
    formAction(event, async (values) => {
      const request = sitingRequestOfForm(values, territoryOf(event.params));
      return { result: await runSiting(requestContext(event), request), values };
    }),
  save: (event) =>
    formAction(event, async (values) => {
      const ctx = requestContext(event);
      const request = sitingRequestOfForm(values, territoryOf(event.params));
      const result = await runSiting(ctx, request);
      const { organizationId, ...kept } = request;
      await saveScenario(ctx, { organizationId, name: values.name ?? '', request: kept, result });
      return { result, values, saved: values.name };
    }),
};
