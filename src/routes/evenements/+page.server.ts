import { pageLoad } from '$lib/server/http/page';
import { calendarChoices, calendarOf, parisDay } from '$lib/server/events';

const FILTERS = ['territory', 'place', 'kind', 'from', 'to'] as const;

/** The calendar across operators: a list (by default from today) or a month, filtered by GET; no script needed. */
export const load = async ({ url, locals }) => {
  const db = locals.runtime.database.db;
  const month = url.searchParams.get('vue') === 'mois';
  const query: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = url.searchParams.get(key)?.trim();
    if (value) query[key] = value;
  }
  const today = parisDay(new Date());
  const shown = /^\d{4}-\d{2}$/.test(url.searchParams.get('mois') ?? '') ? url.searchParams.get('mois')! : today.slice(0, 7);
  const [year, monthNumber] = shown.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const asked = month ? { ...query, from: `${shown}-01`, to: `${shown}-${String(lastDay).padStart(2, '0')}` } : query;
  const result = await pageLoad(locals.locale, () => calendarOf(db, locals.actor, asked), 400);
  const shift = (delta: number) => {
    const date = new Date(Date.UTC(year, monthNumber - 1 + delta, 1));
    return date.toISOString().slice(0, 7);
  };
  return {
    view: month ? ('month' as const) : ('list' as const),
    query,
    today,
    month: { value: shown, year, month: monthNumber, days: lastDay, previous: shift(-1), next: shift(1) },
    from: result.from,
    to: result.to,
    items: result.items.map((item) => ({
      id: item.occurrence.id,
      title: item.series.title,
      kind: item.series.kind,
      start: item.occurrence.start.toISOString(),
      end: item.occurrence.end.toISOString(),
      day: parisDay(item.occurrence.start),
      cancelled: item.occurrence.cancelled,
      moved: item.occurrence.moved,
      place: item.series.place ? { slug: item.series.place.slug, name: item.series.place.name, commune: item.series.place.communeName } : null,
      online: !item.series.place,
      organization: item.series.organizationName,
      priceCents: item.series.priceCents,
      seatsLeft: item.series.capacity === null ? null : Math.max(0, item.series.capacity - item.confirmed),
      synthetic: false,
    })),
    truncated: result.truncated,
    choices: await calendarChoices(db),
  };
};
