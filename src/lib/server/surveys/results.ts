import { allQuestions, textIn, type Question, type SurveyDefinition } from './definition.ts';
import { isSmall, protectCounts, protectLine, protectTable, shownCount, type ProtectedTable, type Shown } from './suppression.ts';
import { ANSWERED, CHANNEL, COMPLETE, countOf, FIRST, SEEN, type Tally } from './tallies.ts';
import { AGE_BANDS, OTHER } from './vocabulary.ts';

/*
 * Results, pure: a tally of the answers in (tallies.ts), figures out, every count protected (suppression.ts)
 * before anything leaves.
 * Percentages are of those who answered the question (n); a hidden count has no percentage either.
 */

export interface ResultItem {
  code: string;
  label: string;
  count: Shown;
  percent: number | null;
  /** Rankings: how many put it first. */
  first?: Shown;
}

export interface QuestionResult {
  code: string;
  type: Question['type'];
  label: string;
  section: string;
  n: Shown;
  skipped: Shown;
  items: ResultItem[];
  /** Numbers and scales: mean and median, when n is not small. */
  mean?: number | null;
  median?: number | null;
  /** Free texts (the team only; never public). */
  texts?: string[];
}

export interface CrossTab {
  rows: { code: string; label: string }[];
  columns: { code: string; label: string }[];
  table: ProtectedTable;
  /** Row percentages of shown cells (null where hidden). */
  rowPercents: (number | null)[][];
  chiSquare: { statistic: number; df: number; p: number; lowExpected: boolean } | null;
}

export interface SurveyResults {
  respondents: Shown;
  /** The filters leave 1 to 4 answers: nothing more is shown. */
  tooFew: boolean;
  byPath: { code: string; label: string; count: Shown }[];
  byChannel: { channel: string; count: Shown }[];
  /** Share of respondents who answered every question shown to them (free texts aside). */
  completion: number | null;
  questions: QuestionResult[];
}

const percent = (count: number, n: number) => (n > 0 ? Math.round((count / n) * 1000) / 10 : null);
const itemPercent = (shown: Shown, count: number, n: number) => (shown.kind === 'count' ? percent(count, n) : null);

/** The labels of what a question's answers can be, in order. */
export function optionsOf(question: Question, locale: string): { code: string; label: string }[] {
  if ('choices' in question) {
    const list = question.choices.map((c) => ({ code: c.code, label: textIn(c.label, locale) }));
    if ('other' in question && question.other) list.push({ code: OTHER, label: locale === 'en' ? 'Other' : 'Autre' });
    return list;
  }
  if (question.type === 'yesno') return [{ code: 'yes', label: locale === 'en' ? 'Yes' : 'Oui' }, { code: 'no', label: locale === 'en' ? 'No' : 'Non' }];
  if (question.type === 'scale') return ['1', '2', '3', '4', '5'].map((code) => ({ code, label: code }));
  if (question.type === 'age') return AGE_BANDS.map((code) => ({ code, label: ageLabel(code, locale) }));
  return [];
}

export function ageLabel(code: string, locale: string): string {
  const en = locale === 'en';
  switch (code) {
    case 'under-25':
      return en ? 'under 25' : 'moins de 25 ans';
    case '60-plus':
      return en ? '60 and over' : '60 ans et plus';
    default:
      return en ? `${code.replace('-', ' to ')}` : `${code.replace('-', ' à ')} ans`;
  }
}

/** 1, 2 or 5 times a power of ten, at least `value`: the top of a histogram's scale. */
const roundUp = (value: number) => {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, value)));
  return [1, 2, 5, 10].map((k) => k * power).find((candidate) => candidate >= value)!;
};

/**
 * Counts and percentages of every question, protected, from a tally (tallies.ts). `texts`: the free texts
 * to list (the team's page); without it free-text questions are left out.
 */
export function computeResults(
  definition: SurveyDefinition,
  tally: Tally,
  options: { locale: string; texts?: Map<string, string[]>; communeNames?: Map<string, { name: string }>; only?: string[] },
): SurveyResults {
  const { locale } = options;
  const total = tally.answers;
  const respondents = shownCount(total);
  const first = definition.sections[0]?.questions[0];
  const paths = first ? optionsOf(first, locale) : [];
  const byPathShown = protectLine(paths.map((p) => tally.byPath.get(p.code) ?? 0)).cells;
  const channels = ['online', 'paper'];
  const channelShown = protectLine(channels.map((c) => countOf(tally, '', CHANNEL + c))).cells;
  const base = {
    respondents,
    byPath: paths.map((p, i) => ({ ...p, count: byPathShown[i]! })),
    byChannel: channels.map((channel, i) => ({ channel, count: channelShown[i]! })),
  };
  if (isSmall(total)) return { ...base, tooFew: true, completion: null, questions: [] };

  const questions: QuestionResult[] = [];
  for (const section of definition.sections)
    for (const question of section.questions) {
      if (options.only && !options.only.includes(question.code)) continue;
      if (question.type === 'text' && !options.texts) continue;
      const code = question.code;
      const n = countOf(tally, code, ANSWERED);
      const skipped = Math.max(0, countOf(tally, code, SEEN) - n);
      const result: QuestionResult = { code, type: question.type, label: textIn(question.label, locale), section: textIn(section.title, locale), n: shownCount(n), skipped: shownCount(skipped), items: [] };
      const options_ = optionsOf(question, locale);
      // Numbers and scales: each value given with how many gave it.
      const values = () =>
        [...(tally.keys.get(code) ?? [])]
          .filter(([c]) => !c.startsWith('?') && !c.startsWith(FIRST))
          .map(([c, count]) => ({ value: Number(c), count }))
          .sort((a, b) => a.value - b.value);
      switch (question.type) {
        case 'single':
        case 'yesno':
        case 'scale':
        case 'age': {
          const counts = options_.map((o) => countOf(tally, code, o.code));
          const shown = protectLine(counts).cells;
          result.items = options_.map((o, i) => ({ ...o, count: shown[i]!, percent: itemPercent(shown[i]!, counts[i]!, n) }));
          if (question.type === 'scale' && !isSmall(n) && n > 0) {
            result.mean = Math.round(meanOf(values(), n) * 100) / 100;
            result.median = medianOf(values(), n);
          }
          break;
        }
        case 'multiple':
        case 'ranking': {
          const counts = options_.map((o) => countOf(tally, code, o.code));
          const shown = protectCounts(counts);
          const firsts = question.type === 'ranking' ? protectCounts(options_.map((o) => countOf(tally, code, FIRST + o.code))) : null;
          result.items = options_.map((o, i) => ({ ...o, count: shown[i]!, percent: itemPercent(shown[i]!, counts[i]!, n), ...(firsts && { first: firsts[i]! }) }));
          break;
        }
        case 'number': {
          const given = values();
          if (!isSmall(n) && n > 0) {
            result.mean = Math.round(meanOf(given, n) * 10) / 10;
            result.median = medianOf(given, n);
          }
          // Five bins of equal width from the lower bound to a round figure above the answers (at most the upper bound).
          const top = Math.min(question.max, roundUp(Math.max(question.min + 1, ...given.map((g) => g.value))));
          const width = (top - question.min) / 5;
          const bins = [0, 1, 2, 3, 4].map((b) => ({ from: question.min + b * width, to: question.min + (b + 1) * width }));
          const counts = bins.map((bin, b) => given.filter((g) => g.value >= bin.from && (b === 4 ? g.value <= bin.to : g.value < bin.to)).reduce((s, g) => s + g.count, 0));
          const shown = protectLine(counts).cells;
          result.items = bins.map((bin, i) => ({ code: String(i), label: `${Math.round(bin.from)}–${Math.round(bin.to)}`, count: shown[i]!, percent: itemPercent(shown[i]!, counts[i]!, n) }));
          break;
        }
        case 'commune': {
          // In the order of their codes, so that the same answers give the same protection however they were counted.
          const given = [...(tally.keys.get(code) ?? [])].filter(([c]) => !c.startsWith('?')).sort(([a], [b]) => (a < b ? -1 : 1));
          const counts = given.map(([, count]) => count);
          const shown = protectLine(counts).cells;
          result.items = given
            .map(([c], i) => ({ code: c, label: options.communeNames?.get(c)?.name ?? c, count: shown[i]!, percent: itemPercent(shown[i]!, counts[i]!, n), sort: counts[i]! }))
            .sort((a, b) => b.sort - a.sort)
            .map(({ sort: _sort, ...item }) => item);
          break;
        }
        case 'text':
          result.texts = isSmall(n) ? [] : (options.texts?.get(code) ?? []);
          break;
      }
      questions.push(result);
    }
  return { ...base, tooFew: false, completion: total ? percent(countOf(tally, '', COMPLETE), total) : null, questions };
}

const meanOf = (values: { value: number; count: number }[], n: number) => values.reduce((s, v) => s + v.value * v.count, 0) / n;

/** The median of values given with their counts (sorted by value). */
function medianOf(values: { value: number; count: number }[], n: number): number {
  const at = (rank: number) => {
    let seen = 0;
    for (const v of values) if ((seen += v.count) > rank) return v.value;
    return values.at(-1)!.value;
  };
  const mid = Math.floor(n / 2);
  return n % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** Questions a cross-tabulation may use: one answer each. */
export const crossTabbable = (question: Question) => ['single', 'yesno', 'scale', 'age'].includes(question.type);

/** The answers of two single-answer questions counted together: `[row code, column code, count]`. */
export type PairCounts = [string, string, number][];

/** Two questions crossed: counts, row percentages, and an indicative chi-square test. */
export function crossTabulate(definition: SurveyDefinition, pairs: PairCounts, rowCode: string, columnCode: string, locale: string): CrossTab | null {
  const questions = new Map(allQuestions(definition).map((q) => [q.code, q]));
  const rq = questions.get(rowCode);
  const cq = questions.get(columnCode);
  if (!rq || !cq || !crossTabbable(rq) || !crossTabbable(cq) || rowCode === columnCode) return null;
  const rowOptions = optionsOf(rq, locale);
  const columnOptions = optionsOf(cq, locale);
  const counts = rowOptions.map(() => columnOptions.map(() => 0));
  for (const [r, c, count] of pairs) {
    const i = rowOptions.findIndex((o) => o.code === r);
    const j = columnOptions.findIndex((o) => o.code === c);
    if (i >= 0 && j >= 0) counts[i]![j]! += count;
  }
  const table = protectTable(counts);
  const rowTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const rowPercents = counts.map((r, i) => r.map((value, j) => (table.cells[i]![j]!.kind === 'count' && table.rowTotals[i]!.kind === 'count' ? percent(value, rowTotals[i]!) : null)));
  return { rows: rowOptions, columns: columnOptions, table, rowPercents, chiSquare: chiSquare(counts) };
}

/** Pearson's chi-square test of independence on the non-empty rows and columns; indicative only. */
export function chiSquare(counts: number[][]): CrossTab['chiSquare'] {
  const rows = counts.filter((r) => r.some((v) => v > 0));
  const keep = (rows[0] ?? []).map((_, j) => rows.some((r) => r[j]! > 0));
  const table = rows.map((r) => r.filter((_, j) => keep[j]));
  const r = table.length;
  const c = table[0]?.length ?? 0;
  if (r < 2 || c < 2) return null;
  const rowSums = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = table[0]!.map((_, j) => table.reduce((s, row) => s + row[j]!, 0));
  const n = rowSums.reduce((a, b) => a + b, 0);
  let statistic = 0;
  let lowExpected = false;
  table.forEach((row, i) =>
    row.forEach((observed, j) => {
      const expected = (rowSums[i]! * colSums[j]!) / n;
      if (expected < 5) lowExpected = true;
      statistic += (observed - expected) ** 2 / expected;
    }),
  );
  const df = (r - 1) * (c - 1);
  return { statistic: Math.round(statistic * 100) / 100, df, p: Math.round(chiSquareSurvival(statistic, df) * 10000) / 10000, lowExpected };
}

/** P(X ≥ x) for a chi-square distribution: the regularised upper incomplete gamma Q(df/2, x/2). */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  const a = df / 2;
  const z = x / 2;
  const lnGamma = (v: number): number => {
    const g = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
    let y = v;
    const t = v + 5.5 - (v + 0.5) * Math.log(v + 5.5);
    let s = 1.000000000190015;
    for (const k of g) s += k / ++y;
    return -t + Math.log((2.5066282746310005 * s) / v);
  };
  if (z < a + 1) {
    // Series for P, then Q = 1 − P.
    let sum = 1 / a;
    let term = sum;
    for (let k = 1; k < 500; k++) {
      term *= z / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-12) break;
    }
    return Math.max(0, 1 - sum * Math.exp(-z + a * Math.log(z) - lnGamma(a)));
  }
  // Continued fraction for Q (Lentz).
  let b = z + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-12) break;
  }
  return Math.min(1, Math.exp(-z + a * Math.log(z) - lnGamma(a)) * h);
}

/** Respondents by commune against the commune's population: over- and under-represented communes. */
export function representation(
  byCommune: Map<string, number>,
  communes: { code: string; name: string; population: number; lat: number; lon: number }[],
): { code: string; name: string; population: number; lat: number; lon: number; count: Shown; share: number | null; populationShare: number; ratio: number | null }[] {
  const inTerritory = communes.reduce((s, c) => s + (byCommune.get(c.code) ?? 0), 0);
  const population = communes.reduce((s, c) => s + c.population, 0);
  const raw = communes.map((c) => byCommune.get(c.code) ?? 0);
  const shown = protectLine(raw).cells;
  return communes.map((c, i) => {
    const count = shown[i]!;
    const share = count.kind === 'count' && inTerritory ? Math.round((raw[i]! / inTerritory) * 1000) / 10 : null;
    const populationShare = population ? Math.round((c.population / population) * 1000) / 10 : 0;
    return { ...c, count, share, populationShare, ratio: share !== null && populationShare ? Math.round((share / populationShare) * 100) / 100 : null };
  });
}
