import { requestContext } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { reportView, territoryReport } from '$lib/server/impact';

export const load = async (event) => {
  const { locale } = event.locals;
  const { kind, code } = event.params;
  const report = await pageLoad(locale, () => territoryReport(requestContext(event), kind, code, Object.fromEntries(event.url.searchParams)), 400);
  return {
    kind,
    code,
    period: report.period,
    view: reportView(report, locale),
    places: report.places.filter((p) => p.full).map((p) => ({ slug: p.slug, name: p.name })),
  };
};
