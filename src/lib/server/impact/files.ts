// What the report routes answer: JSON with each formula in the reader's language, or a file to download.
import { translate, type Locale } from '../../i18n.ts';
import { reportPdf, reportXlsx, subsidiesCsv } from './exports.ts';
import type { Report, Subsidy } from './service.ts';

const PRIVATE = { 'cache-control': 'private, no-store' } as const;

/** The report as the API gives it: each formula in words beside its rows. */
export const reportJson = (report: Report, locale: Locale) => ({
  ...report,
  formulas: report.formulas.map((f) => ({ ...f, formula: translate(`impact_formula_${f.key}`, {}, locale) })),
});

const fileName = (report: Report, extension: string) => `maillage-impact-${report.scope.kind}-${report.scope.code}-${report.period.from}-${report.period.to}.${extension}`;

export async function reportFile(report: Report, format: 'pdf' | 'xlsx', locale: Locale): Promise<Response> {
  const body = format === 'pdf' ? await reportPdf(report, locale) : await reportXlsx(report, locale);
  return new Response(new Uint8Array(body), {
    headers: {
      ...PRIVATE,
      'content-type': format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${fileName(report, format)}"`,
    },
  });
}

export function subsidiesResponse(place: { slug: string; name: string }, subsidies: Subsidy[]): Response {
  return new Response(subsidiesCsv(place, subsidies), {
    headers: { ...PRIVATE, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="maillage-subventions-${place.slug}.csv"` },
  });
}
