import { fail, isActionFailure, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { FormFailure } from '$lib/forms';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { addSubsidy, deleteSubsidy, financeView, placeFinances, placeFunders, requestFunder, setCosts } from '$lib/server/impact';

export const load = async (event) => {
  requireSignedIn(event);
  const { locale } = event.locals;
  const ctx = requestContext(event);
  const query = Object.fromEntries(event.url.searchParams);
  const [finances, funders] = await pageLoad(locale, () => Promise.all([placeFinances(ctx, event.params.slug, query), placeFunders(ctx, event.params.slug)]), 400);
  return { place: finances.place, finances, view: financeView(finances, locale), funders, whatIf: finances.whatIf };
};

const refused = (result: unknown): result is ActionFailure<FormFailure> => isActionFailure(result);

/** Each form names its section: its refusal or its confirmation shows beside it. */
async function section(event: RequestEvent, name: string, run: (values: Record<string, string>) => Promise<unknown>) {
  const result = await formAction(event, async (values) => {
    await run(values);
    return { section: name, done: true };
  });
  return refused(result) ? fail(result.status, { ...result.data, section: name }) : result;
}

export const actions = {
  costs: (event) => section(event, 'costs', (values) => setCosts(requestContext(event), event.params.slug!, values)),
  subsidy: (event) => section(event, 'subsidy', (values) => addSubsidy(requestContext(event), event.params.slug!, values)),
  deleteSubsidy: (event) => section(event, 'subsidies', (values) => deleteSubsidy(requestContext(event), event.params.slug!, values.id ?? '')),
  funder: (event) => section(event, 'funders', (values) => requestFunder(requestContext(event), event.params.slug!, values)),
};
