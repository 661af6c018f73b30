import { addDays, availabilityDay, availabilityNear, localNow, nearestBookablePlaces } from '$lib/server/booking';
import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { DEFAULT_RADIUS_KM, locationParam } from '$lib/server/geo';
import { decimalParam, pageParam } from '$lib/server/params';
import { resolveCommuneField } from '$lib/server/territory';
import { homeCommuneCode } from '$lib/server/http/home-commune';

const RADII = [10, 20, 30, 50, 100] as const;

/** Days of the week view. */
const WEEK_DAYS = 7;
/** Places shown a page, nearest first. */
const PER_PAGE = 50;

/**
 * Free desks around a commune on a day, or on the seven days from it:
 * `?near=INSEE&date=YYYY-MM-DD&radiusKm=30&days=1|7` (the form sends the same names).
 */
export const load = async ({ url, locals }) => {
  const db = locals.runtime.database.db;
  // A first visit starts from the signed-in person's home commune.
  const nearParam = url.searchParams.get('near') ?? (url.searchParams.has('nearText') ? '' : await homeCommuneCode(locals));
  const nearText = url.searchParams.get('nearText') ?? '';
  const near = { text: nearText, ...(await resolveCommuneField(db, nearParam, nearText)) };
  const today = localNow().day;
  return pageLoad(
    locals.locale,
    async () => {
      const day = availabilityDay(url.searchParams.get('date'));
      const radiusKm = parse(decimalParam('km'), url.searchParams.get('radiusKm') || String(DEFAULT_RADIUS_KM));
      // A code given without text (a link) is checked by the search itself: unknown or malformed, a 400.
      const code = near.selected?.code ?? (nearText.trim() === '' && nearParam !== '' ? nearParam : null);
      const days = url.searchParams.get('days') === String(WEEK_DAYS) ? WEEK_DAYS : 1;
      const requested = parse(pageParam(), url.searchParams.get('page') || '1');
      const location = code ? parse(locationParam('near'), code) : null;
      const all = location ? await availabilityNear(db, location, radiusKm, day, undefined, days) : null;
      // Nothing within the radius: the nearest places one can book, however far, rather than a dead end.
      const nearestBookable = location && all?.length === 0 ? await nearestBookablePlaces(db, location) : [];
      // A page past the last shows the last.
      const pages = Math.max(1, Math.ceil((all?.length ?? 0) / PER_PAGE));
      const page = Math.min(requested, pages);
      const places = all?.slice((page - 1) * PER_PAGE, page * PER_PAGE) ?? null;
      // The same search on another page: the commune chosen by its code.
      const pageQuery = new URLSearchParams(url.searchParams);
      pageQuery.delete('page');
      if (code) pageQuery.set('near', code);
      pageQuery.delete('nearText');
      return { near, day, days, today, lastDay: addDays(today, 365), radiusKm, radii: RADII, places, nearestBookable, total: all?.length ?? 0, page, pages, pageQuery: pageQuery.toString() };
    },
    400,
  );
};
