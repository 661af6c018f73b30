import { eq, sql, type SQL } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.ts';
import { queryRows, type Db } from '../db/database.ts';
import { codesOf, visibleSections } from './answers.ts';
import type { StoredAnswers, SurveyDefinition } from './definition.ts';
import { surveyResponses, surveys, surveyTallies, surveyVersions } from './schema.ts';

/*
 * The counts the results are made of. Each answer gives a list of keys (question, code) — the survey's own
 * ones under the question `''` — and the survey's tallies add them up by version, path and commune, in the
 * transaction that stores the answer. Results then read a few hundred sums, whatever the number of answers;
 * a filter on another question's answer counts the answers it keeps with the same keys.
 */

export const SEEN = '?seen';
export const ANSWERED = '?n';
export const FIRST = '^';
export const ANSWERS = 'answers';
export const COMPLETE = 'complete';
export const CHANNEL = 'channel:';

/** What one answer counts for, each key once: [question, code]. */
export function tallyKeys(definition: SurveyDefinition, stored: StoredAnswers, channel: string): [string, string][] {
  const keys: [string, string][] = [
    ['', ANSWERS],
    ['', CHANNEL + channel],
  ];
  let complete = true;
  for (const { questions } of visibleSections(definition, stored.answers))
    for (const q of questions) {
      keys.push([q.code, SEEN]);
      const value = stored.answers[q.code];
      if (value === undefined) {
        // Free texts are optional by nature: a complete answer is every other question shown, answered.
        if (q.type !== 'text') complete = false;
        continue;
      }
      keys.push([q.code, ANSWERED]);
      if (q.type === 'text') continue;
      const codes = codesOf(value);
      for (const code of new Set(codes)) keys.push([q.code, code]);
      if (q.type === 'ranking' && codes[0] !== undefined) keys.push([q.code, FIRST + codes[0]]);
    }
  if (complete) keys.push(['', COMPLETE]);
  return keys;
}

/** The sums of a set of answers: by path and commune for the headline and the map, by key for the rest. */
export interface Tally {
  answers: number;
  byPath: Map<string, number>;
  byCommune: Map<string, number>;
  /** Question code (`''` for the survey's own keys) → code → count. */
  keys: Map<string, Map<string, number>>;
}

export const emptyTally = (): Tally => ({ answers: 0, byPath: new Map(), byCommune: new Map(), keys: new Map() });

const add = <K>(map: Map<K, number>, key: K, count: number) => map.set(key, (map.get(key) ?? 0) + count);

function addKey(tally: Tally, question: string, code: string, count: number) {
  let codes = tally.keys.get(question);
  if (!codes) tally.keys.set(question, (codes = new Map()));
  add(codes, code, count);
}

/** How many answers gave `code` to `question` (or the survey's own key under `''`). */
export const countOf = (tally: Tally, question: string, code: string) => tally.keys.get(question)?.get(code) ?? 0;

export interface TalliedRow {
  version: number;
  channel: string;
  path: string | null;
  communeCode: string | null;
  answers: StoredAnswers;
}

/** The tally of answers in hand (a filter on another question's answer; tests; a recount). */
export function tallyOfRows(definitions: Map<number, SurveyDefinition>, rows: TalliedRow[]): Tally {
  const tally = emptyTally();
  for (const row of rows) {
    const definition = definitions.get(row.version);
    if (!definition) continue;
    tally.answers++;
    add(tally.byPath, row.path ?? '', 1);
    if (row.communeCode) add(tally.byCommune, row.communeCode, 1);
    for (const [question, code] of tallyKeys(definition, row.answers, row.channel)) addKey(tally, question, code, 1);
  }
  return tally;
}

export interface TallyFilters {
  version?: number;
  path?: string;
  commune?: string;
}

/** The stored tallies of a survey, summed over the filters given. */
export async function readTally(db: Db, surveyId: string, filters: TallyFilters = {}): Promise<Tally> {
  const where: SQL[] = [sql`survey_id = ${surveyId}::uuid`];
  if (filters.version) where.push(sql`version = ${filters.version}`);
  if (filters.path) where.push(sql`path = ${filters.path}`);
  if (filters.commune) where.push(sql`commune_code = ${filters.commune}`);
  const condition = sql.join(where, sql` and `);
  const [sums, places] = await Promise.all([
    queryRows<{ question: string; code: string; count: number }>(db, sql`select question, code, sum(count)::int as count from survey_tallies where ${condition} group by question, code`),
    queryRows<{ path: string; commune_code: string; count: number }>(
      db,
      sql`select path, commune_code, sum(count)::int as count from survey_tallies where ${condition} and question = '' and code = ${ANSWERS} group by path, commune_code`,
    ),
  ]);
  const tally = emptyTally();
  for (const s of sums) addKey(tally, s.question, s.code, s.count);
  for (const p of places) {
    tally.answers += p.count;
    add(tally.byPath, p.path, p.count);
    if (p.commune_code) add(tally.byCommune, p.commune_code, p.count);
  }
  return tally;
}

/**
 * Adds one stored answer to its survey's tallies, in the transaction that stores it. Keys go in one order, so
 * that two answers counted at once lock the rows they share in the same order (no deadlock).
 */
export async function addToTallies(db: Db, surveyId: string, row: Omit<TalliedRow, 'answers'>, keys: [string, string][]): Promise<void> {
  const sorted = [...keys].sort(([q1, c1], [q2, c2]) => (q1 < q2 ? -1 : q1 > q2 ? 1 : c1 < c2 ? -1 : c1 > c2 ? 1 : 0));
  await db
    .insert(surveyTallies)
    .values(sorted.map(([question, code]) => ({ surveyId, version: row.version, path: row.path ?? '', communeCode: row.communeCode ?? '', question, code, count: 1 })))
    .onConflictDoUpdate({
      target: [surveyTallies.surveyId, surveyTallies.version, surveyTallies.path, surveyTallies.communeCode, surveyTallies.question, surveyTallies.code],
      set: { count: sql`${surveyTallies.count} + excluded.count` },
    });
}

/** A survey's versions with the answers each has (from the tallies: the survey must be tallied). */
export async function answersByVersion(db: Db, surveyId: string): Promise<{ version: number; responses: number }[]> {
  return queryRows(
    db,
    sql`select v.version, coalesce(sum(t.count), 0)::int as responses
        from survey_versions v left join survey_tallies t on t.survey_id = v.survey_id and t.version = v.version and t.question = '' and t.code = ${ANSWERS}
        where v.survey_id = ${surveyId}::uuid group by v.version order by v.version`,
  );
}

/** Every version's definition of a survey. */
export async function definitionsOf(db: Db, surveyId: string): Promise<Map<number, SurveyDefinition>> {
  const rows = await db.select({ version: surveyVersions.version, definition: surveyVersions.definition }).from(surveyVersions).where(eq(surveyVersions.surveyId, surveyId));
  return new Map(rows.map((r) => [r.version, typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition]));
}

/**
 * Counts a survey's answers again into its tallies: for answers stored before the tallies existed, or written
 * in bulk (the demo, the benchmark). The survey row is locked first, which holds back answers being stored
 * (their foreign key needs it), so none is counted twice or missed.
 */
export async function recountTallies(db: Db, surveyId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select 1 from surveys where id = ${surveyId}::uuid for update`);
    await t.delete(surveyTallies).where(eq(surveyTallies.surveyId, surveyId));
    const rows = await t
      .select({ version: surveyResponses.version, channel: surveyResponses.channel, path: surveyResponses.path, communeCode: surveyResponses.communeCode, answers: surveyResponses.answers })
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, surveyId));
    const definitions = await definitionsOf(t, surveyId);
    const sums = new Map<string, { version: number; path: string; communeCode: string; question: string; code: string; count: number }>();
    for (const row of rows) {
      const definition = definitions.get(row.version);
      if (!definition) continue;
      for (const [question, code] of tallyKeys(definition, row.answers, row.channel)) {
        const key = [row.version, row.path ?? '', row.communeCode ?? '', question, code].join('\u0000');
        const sum = sums.get(key);
        if (sum) sum.count++;
        else sums.set(key, { version: row.version, path: row.path ?? '', communeCode: row.communeCode ?? '', question, code, count: 1 });
      }
    }
    await bulkInsert(t, surveyTallies, [...sums.values()].map((s) => ({ surveyId, ...s })));
    await t.update(surveys).set({ tallied: true }).where(eq(surveys.id, surveyId));
  });
}
