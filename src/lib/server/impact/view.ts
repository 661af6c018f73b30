/*
 * A report as people read it, in one language: the rows of every table and the series of every chart, as text.
 * The page, the PDF and the XLSX all render this one view, so they say the same thing.
 */
import { formatCents, formatNumber, translate, type Locale } from '../../i18n.ts';
import { formatDay } from '../../dates.ts';
import { shownText, type Shown } from '../small-counts.ts';
import { revenueKinds, type ShownFigures } from './model.ts';
import type { Finances, Report } from './service.ts';

export interface FigureRow {
  key: string;
  label: string;
  value: string;
  /** The number behind `value` (null: not shown), for charts and spreadsheets. */
  number: number | null;
}

export interface Table {
  header: string[];
  rows: string[][];
}

export interface ChartBar {
  label: string;
  value: number | null;
  text: string;
}

export interface ReportView {
  title: string;
  scopeName: string;
  period: string;
  full: boolean;
  headline: FigureRow[];
  activity: Table;
  deskDaysChart: ChartBar[];
  occupancyChart: ChartBar[];
  commuting: { rows: FigureRow[]; note: string; hidden: boolean };
  places: Table | null;
  finances: { costs: FigureRow[]; breakEven: FigureRow[]; subsidies: Table } | null;
  method: { label: string; formula: string; rows: string }[];
  smallNote: string;
}

const t = (key: string, locale: Locale, params: Record<string, unknown> = {}) => translate(key, params, locale);

export function monthLabel(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export function figureRows(f: ShownFigures, locale: Locale, full: boolean): FigureRow[] {
  const small = t('impact_small_group', locale);
  const count = (shown: Shown) => shownText(shown, (v) => formatNumber(v, locale));
  const num = (value: number | null, digits = 1) => (value === null ? small : formatNumber(value, locale, { maximumFractionDigits: digits }));
  const pct = (value: number | null) => (value === null ? (f.small ? small : '—') : formatNumber(value, locale, { style: 'percent', maximumFractionDigits: 1 }));
  const money = (cents: number | null) => (cents === null ? small : formatCents(cents, locale));
  const value = (shown: Shown) => (shown.kind === 'count' ? shown.value : null);
  const rows: FigureRow[] = [
    { key: 'members', label: t('impact_members', locale), value: count(f.members), number: value(f.members) },
    { key: 'newMembers', label: t('impact_new_members', locale), value: count(f.newMembers), number: value(f.newMembers) },
    { key: 'returningMembers', label: t('impact_returning_members', locale), value: count(f.returningMembers), number: value(f.returningMembers) },
    { key: 'deskDays', label: t('impact_desk_days', locale), value: num(f.deskDays), number: f.deskDays },
    { key: 'occupancy', label: t('impact_occupancy', locale), value: pct(f.occupancy), number: f.occupancy },
    { key: 'roomHours', label: t('impact_room_hours', locale), value: num(f.roomHours), number: f.roomHours },
    { key: 'checkInRate', label: t('impact_check_in_rate', locale), value: pct(f.checkInRate), number: f.checkInRate },
    { key: 'noShows', label: t('impact_no_shows', locale), value: num(f.noShows, 0), number: f.noShows },
  ];
  if (full) {
    rows.push({ key: 'revenue', label: t('impact_revenue', locale), value: money(f.revenueTotalCents), number: f.revenueTotalCents === null ? null : f.revenueTotalCents / 100 });
    for (const kind of revenueKinds)
      rows.push({ key: `revenue.${kind}`, label: t(`impact_revenue_${kind}`, locale), value: money(f.revenueCents?.[kind] ?? null), number: f.revenueCents ? f.revenueCents[kind] / 100 : null });
    rows.push({ key: 'spend', label: t('impact_spend', locale), value: money(f.spendPerMemberMonthCents), number: f.spendPerMemberMonthCents === null ? null : f.spendPerMemberMonthCents / 100 });
  }
  return rows;
}

function commutingRows(f: ShownFigures, locale: Locale): FigureRow[] {
  const c = f.commuting;
  const hidden = t('impact_small_group', locale);
  const num = (value: number | null) => (value === null ? hidden : formatNumber(value, locale, { maximumFractionDigits: 1 }));
  const count = (shown: Shown) => shownText(shown, (v) => formatNumber(v, locale));
  return [
    { key: 'km', label: t('impact_km', locale), value: num(c.km), number: c.km },
    { key: 'co2eKg', label: t('impact_co2', locale), value: num(c.co2eKg), number: c.co2eKg },
    { key: 'hours', label: t('impact_hours', locale), value: num(c.hours), number: c.hours },
    { key: 'money', label: t('impact_money', locale), value: c.moneyCents === null ? hidden : formatCents(c.moneyCents, locale), number: c.moneyCents === null ? null : c.moneyCents / 100 },
    { key: 'days', label: t('impact_days_counted', locale), value: num(c.days), number: c.days },
    { key: 'commuters', label: t('impact_commuting_members', locale), value: count(c.members), number: c.members.kind === 'count' ? c.members.value : null },
    { key: 'without', label: t('impact_without', locale), value: count(c.membersWithout), number: c.membersWithout.kind === 'count' ? c.membersWithout.value : null },
    { key: 'other', label: t('impact_other', locale), value: count(c.membersOther), number: c.membersOther.kind === 'count' ? c.membersOther.value : null },
  ];
}

function financeView(finances: Finances, locale: Locale): ReportView['finances'] {
  const money = (cents: number) => formatCents(cents, locale);
  const b = finances.breakEven;
  const days = (value: number | null) => (value === null ? '—' : formatNumber(value, locale));
  const c = finances.costs;
  return {
    costs: [
      { key: 'rent', label: t('impact_cost_rent', locale), value: money(c.rentCents), number: c.rentCents / 100 },
      { key: 'animator', label: t('impact_cost_animator', locale), value: money(c.animatorCents), number: c.animatorCents / 100 },
      { key: 'energy', label: t('impact_cost_energy', locale), value: money(c.energyCents), number: c.energyCents / 100 },
      { key: 'other', label: t('impact_cost_other', locale), value: money(c.otherCents), number: c.otherCents / 100 },
      { key: 'total', label: t('impact_cost_total', locale), value: money(c.totalCents), number: c.totalCents / 100 },
    ],
    breakEven: [
      { key: 'monthlyCosts', label: t('impact_monthly_costs', locale), value: money(b.monthlyCostsCents), number: b.monthlyCostsCents / 100 },
      { key: 'monthlySubsidies', label: t('impact_monthly_subsidies', locale), value: money(b.monthlySubsidiesCents), number: b.monthlySubsidiesCents / 100 },
      { key: 'pricePerDay', label: t('impact_revenue_per_desk_day', locale), value: money(b.revenuePerDeskDayCents), number: b.revenuePerDeskDayCents / 100 },
      { key: 'current', label: t('impact_desk_days_per_month', locale), value: formatNumber(b.deskDaysPerMonth, locale, { maximumFractionDigits: 1 }), number: b.deskDaysPerMonth },
      { key: 'withoutSubsidies', label: t('impact_break_even_without', locale), value: days(b.withoutSubsidies), number: b.withoutSubsidies },
      { key: 'withSubsidies', label: t('impact_break_even_with', locale), value: days(b.withSubsidies), number: b.withSubsidies },
      { key: 'subsidiesEnd', label: t('impact_subsidies_end', locale), value: b.subsidiesEnd ? monthLabel(b.subsidiesEnd, locale) : t('impact_no_subsidy', locale), number: null },
    ],
    subsidies: {
      header: [t('impact_subsidy_funder', locale), t('impact_subsidy_amount', locale), t('impact_subsidy_period', locale), t('impact_subsidy_purpose', locale)],
      rows: finances.subsidies.map((s) => [s.funderName, money(s.amountCents), `${formatDay(s.startsOn, locale)} – ${formatDay(s.endsOn, locale)}`, s.purpose]),
    },
  };
}

export function reportView(report: Report, locale: Locale): ReportView {
  const title = report.scope.kind === 'place' ? t('impact_title_place', locale, { place: report.scope.name }) : t('impact_title_territory', locale, { territory: report.scope.name });
  const small = t('impact_small_group', locale);
  const monthRows = report.months.map((figures) => ({ figures, rows: figureRows(figures, locale, report.full) }));
  const activityKeys = ['members', 'deskDays', 'occupancy', 'roomHours', ...(report.full ? ['revenue'] : [])];
  const pick = (rows: FigureRow[], key: string) => rows.find((r) => r.key === key)!;
  const collaborations = report.collaborations;
  const headline: FigureRow[] = [
    ...figureRows(report.headline, locale, report.full),
    {
      key: 'collaborations',
      label: t('impact_collaborations', locale),
      value: shownText(collaborations, (v) => formatNumber(v, locale)),
      number: collaborations.kind === 'count' ? collaborations.value : null,
    },
  ];
  return {
    title,
    scopeName: report.scope.name,
    period: t('impact_period', locale, { from: formatDay(report.period.from, locale), to: formatDay(report.period.to, locale) }),
    full: report.full,
    headline,
    activity: {
      header: [t('impact_month', locale), ...activityKeys.map((k) => pick(headline, k).label), t('impact_km', locale)],
      rows: monthRows.map(({ figures, rows }) => [
        monthLabel(figures.month, locale),
        ...activityKeys.map((k) => pick(rows, k).value),
        figures.commuting.km === null ? small : formatNumber(figures.commuting.km, locale, { maximumFractionDigits: 1 }),
      ]),
    },
    deskDaysChart: monthRows.map(({ figures, rows }) => ({ label: monthLabel(figures.month, locale), value: figures.deskDays, text: pick(rows, 'deskDays').value })),
    occupancyChart: monthRows.map(({ figures, rows }) => ({ label: monthLabel(figures.month, locale), value: figures.occupancy, text: pick(rows, 'occupancy').value })),
    commuting: {
      rows: commutingRows(report.headline, locale),
      hidden: report.headline.commuting.small,
      note: t('impact_commuting_note', locale),
    },
    places:
      report.scope.kind === 'place'
        ? null
        : {
            header: [t('impact_place', locale), t('impact_members', locale), t('impact_desk_days', locale), t('impact_occupancy', locale), t('impact_km', locale)],
            rows: report.places.map((p) => {
              const rows = figureRows(p, locale, false);
              return [p.name, pick(rows, 'members').value, pick(rows, 'deskDays').value, pick(rows, 'occupancy').value, p.commuting.km === null ? small : formatNumber(p.commuting.km, locale, { maximumFractionDigits: 1 })];
            }),
          },
    finances: report.finances ? financeView(report.finances, locale) : null,
    method: report.formulas.map((f) => ({
      label: t(`impact_formula_label_${f.key}`, locale),
      formula: t(`impact_formula_${f.key}`, locale),
      rows: t('impact_rows', locale, { rows: formatNumber(f.rows, locale) }),
    })),
    smallNote: t('impact_small_note', locale),
  };
}

export { financeView };
