// Surveys: with 10,000 answers to the CCVLV 2016 template, the team's results (p95 < 200 ms, server time, in
// process) and a cross-tabulation (p95 < 50 ms); 1,000 submissions each sent 3 times at once with the same
// retry key store exactly 1,000 answers. Runs on a prepared bench database, which it fills.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../src/lib/server/accounts/index.ts';
import { bulkInsert } from '../../src/lib/server/db/bulk.ts';
import { queryRows, type Database, type Db } from '../../src/lib/server/db/database.ts';
import { CCVLV_2016, crossTabulate, responseRows, submitResponse, syntheticResponses, teamResults } from '../../src/lib/server/surveys/index.ts';
import { surveyResponses, surveys, surveyVersions } from '../../src/lib/server/surveys/schema.ts';
import { summarize, type Summary } from './stats.ts';

export const SURVEY_TARGETS = { answers: 10_000, resultsP95Ms: 200, crossTabP95Ms: 50, retried: 1000, tries: 3, httpPerSecond: 50, httpSeconds: 60 };

/** A platform administrator reads the results, as a team member would (`can` lets both). */
const BENCH_ADMIN: Actor = { kind: 'user', userId: 'bench', name: 'Bench', email: 'bench@example.org', emailVerified: true, platformRole: 'admin', memberships: [] };

export interface SurveysBench {
  answers: number;
  insertMs: number;
  results: Summary;
  crossTabRequest: Summary;
  crossTabCompute: Summary;
  retried: { submissions: number; tries: number; rows: number; replays: number; wallMs: number };
}

async function timed(runs: number, run: () => Promise<unknown> | unknown): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return summarize(times);
}

export async function measureSurveys(database: Database, progress: (line: string) => void): Promise<SurveysBench> {
  const db: Db = database.db;
  const [luzech] = await queryRows<{ epci: string }>(db, sql`select epci_siren as epci from communes where code = '46182'`);
  const epci = luzech!.epci;
  await db.execute(sql`insert into organization (id, name, slug, kind, scope_level, scope_code) values ('bench-council', 'Bench council', 'bench-council', 'territory', 'epci', ${epci}) on conflict do nothing`);
  const [survey] = await db.insert(surveys).values({ organizationId: 'bench-council', status: 'published' }).returning({ id: surveys.id });
  const id = survey!.id;
  await db.insert(surveyVersions).values({ surveyId: id, version: 1, definition: CCVLV_2016 });

  progress(`surveys: ${SURVEY_TARGETS.answers} synthetic answers`);
  const answers = await syntheticResponses(db, epci, SURVEY_TARGETS.answers, 7);
  const insertStart = performance.now();
  await bulkInsert(
    db,
    surveyResponses,
    answers.map((stored, i) => ({ id: randomUUID(), surveyId: id, version: 1, submittedOn: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`, channel: 'online' as const, synthetic: true, answers: stored, path: stored.answers.respondent as string, communeCode: null })),
  );
  const insertMs = performance.now() - insertStart;

  const ctx = { db, actor: BENCH_ADMIN };
  progress('surveys: results and cross-tabulations');
  await teamResults(ctx, id, {}, 'fr'); // warm-up
  const results = await timed(30, () => teamResults(ctx, id, {}, 'fr'));
  const crossTabRequest = await timed(30, () => teamResults(ctx, id, { rows: 'price', columns: 'age' }, 'fr'));
  const rows = await responseRows(db, id);
  const crossTabCompute = await timed(100, () => crossTabulate(CCVLV_2016, rows, 'price', 'age', 'fr'));

  progress(`surveys: ${SURVEY_TARGETS.retried} submissions × ${SURVEY_TARGETS.tries} tries with the same key`);
  const body = { answers: { respondent: 'company', aware: true, network: true, company_commune: { postalCode: '46140', commune: '46182' } } };
  const [before] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from survey_responses where survey_id = ${id}::uuid`);
  const retryStart = performance.now();
  let replays = 0;
  const keys = Array.from({ length: SURVEY_TARGETS.retried }, () => randomUUID());
  for (let i = 0; i < keys.length; i += 25) {
    const batch = keys.slice(i, i + 25).flatMap((key) => Array.from({ length: SURVEY_TARGETS.tries }, () => key));
    const outcomes = await Promise.all(batch.map((key) => submitResponse(db, id, body, { channel: 'online', submissionKey: key })));
    replays += outcomes.filter((o) => o.replayed).length;
  }
  const wallMs = performance.now() - retryStart;
  const [after] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from survey_responses where survey_id = ${id}::uuid`);
  return {
    answers: SURVEY_TARGETS.answers,
    insertMs,
    results,
    crossTabRequest,
    crossTabCompute,
    retried: { submissions: SURVEY_TARGETS.retried, tries: SURVEY_TARGETS.tries, rows: after!.n - before!.n, replays, wallMs },
  };
}
