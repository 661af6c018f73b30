import { requestContext, requireSignedIn } from '$lib/server/http/form';
import { pageLoad } from '$lib/server/http/page';
import { placeReport, reportView } from '$lib/server/impact';

export const load = async (event) => {
  requireSignedIn(event);
  const { locale } = event.locals;
  const report = await pageLoad(locale, () => placeReport(requestContext(event), event.params.slug, Object.fromEntries(event.url.searchParams)), 400);
  return { slug: report.scope.code, period: report.period, view: reportView(report, locale) };
};
