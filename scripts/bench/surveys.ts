// Surveys: with 10,000 answers to the CCVLV 2016 template, the team's results (p95 < 200 ms, server time, in
// process) and a cross-tabulation request (p95 < 50 ms); 1,000 submissions each sent 3 times at once with the
// same retry key store exactly 1,000 answers; 50 submissions a second for 60 s through HTTP to a started
// server, every 201 an answer stored. Runs on a prepared bench database, which it fills, and on an instance
// of its own for the HTTP part.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../src/lib/server/accounts/index.ts';
import { bulkInsert } from '../../src/lib/server/db/bulk.ts';
import { openDatabase, queryRows, type Database, type Db } from '../../src/lib/server/db/index.ts';
import { CCVLV_2016, crossTabulation, recountTallies, submitResponse, syntheticResponses, teamResults, teamSurvey } from '../../src/lib/server/surveys/index.ts';
import { surveyResponses, surveys, surveyVersions } from '../../src/lib/server/surveys/schema.ts';
import { communeOf, pathOf } from '../../src/lib/server/surveys/service.ts';
import { BENCH_PORTS } from './ports.ts';
import { summarize, timeRuns, type Summary } from './stats.ts';
import { REPO_ROOT } from './territory.ts';
import { startBuiltApp } from './weight.ts';

export const SURVEY_TARGETS = { answers: 10_000, resultsP95Ms: 200, crossTabP95Ms: 50, retried: 1000, tries: 3, httpPerSecond: 50, httpSeconds: 60 };

/** A platform administrator reads the results, as a team member would (`can` lets both). */
const BENCH_ADMIN: Actor = { kind: 'user', userId: 'bench', name: 'Bench', email: 'bench@example.org', emailVerified: true, platformRole: 'admin', memberships: [] };

type Progress = (line: string) => void;

export interface HttpSubmissions {
  sent: number;
  created: number;
  /** Status → count, for anything but 201. */
  others: Record<string, number>;
  rows: number;
  tallied: number;
  /** From the first request sent to the last answer received. */
  wallMs: number;
  latency: Summary;
}

export interface SurveysBench {
  answers: number;
  insertMs: number;
  recountMs: number;
  results: Summary;
  /** The cross-tabulation alone: counted by the database, protected. */
  crossTab: Summary;
  crossTabRequest: Summary;
  filtered: Summary;
  retried: { submissions: number; tries: number; rows: number; replays: number; wallMs: number };
  http: HttpSubmissions;
}


/** The bench's territory organization (the EPCI of Luzech) and a published template survey; returns its id. */
async function benchSurvey(db: Db): Promise<{ id: string; epci: string }> {
  const [luzech] = await queryRows<{ epci: string }>(db, sql`select epci_siren as epci from communes where code = '46182'`);
  const epci = luzech!.epci;
  await db.execute(sql`insert into organization (id, name, slug, kind, scope_level, scope_code) values ('bench-council', 'Bench council', 'bench-council', 'territory', 'epci', ${epci}) on conflict do nothing`);
  const [survey] = await db.insert(surveys).values({ organizationId: 'bench-council', status: 'published', tallied: true }).returning({ id: surveys.id });
  await db.insert(surveyVersions).values({ surveyId: survey!.id, version: 1, definition: CCVLV_2016 });
  return { id: survey!.id, epci };
}

export async function measureSurveys(database: Database, progress: Progress, cleanups: (() => Promise<void> | void)[]): Promise<SurveysBench> {
  const db: Db = database.db;
  const { id, epci } = await benchSurvey(db);

  progress(`surveys: ${SURVEY_TARGETS.answers} synthetic answers`);
  const answers = await syntheticResponses(db, epci, SURVEY_TARGETS.answers, 7);
  const insertStart = performance.now();
  await bulkInsert(
    db,
    surveyResponses,
    answers.map((stored, i) => ({
      id: randomUUID(),
      surveyId: id,
      version: 1,
      submittedOn: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
      channel: 'online' as const,
      synthetic: true,
      answers: stored,
      path: pathOf(CCVLV_2016, stored),
      communeCode: communeOf(CCVLV_2016, stored),
    })),
  );
  const insertMs = performance.now() - insertStart;
  const recountStart = performance.now();
  await recountTallies(db, id);
  const recountMs = performance.now() - recountStart;

  const ctx = { db, actor: BENCH_ADMIN };
  progress('surveys: results and cross-tabulations');
  await teamResults(ctx, id, {}, 'fr'); // warm-up
  const results = await timeRuns(30, () => teamResults(ctx, id, {}, 'fr'));
  const crossTabRequest = await timeRuns(30, () => teamResults(ctx, id, { rows: 'price', columns: 'age' }, 'fr'));
  const survey = await teamSurvey(ctx, id, 'survey.read-results');
  const crossTab = await timeRuns(30, () => crossTabulation(db, survey, { rows: 'price', columns: 'age' }, 'fr'));
  // A filter on another question's answer counts the answers it keeps (no tally for it): reported, no target.
  const filtered = await timeRuns(10, () => teamResults(ctx, id, { question: 'frequency', answer: 'weekly' }, 'fr'));

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

  const http = await measureHttpSubmissions(progress, cleanups);
  return {
    answers: SURVEY_TARGETS.answers,
    insertMs,
    recountMs,
    results,
    crossTab,
    crossTabRequest,
    filtered,
    retried: { submissions: SURVEY_TARGETS.retried, tries: SURVEY_TARGETS.tries, rows: after!.n - before!.n, replays, wallMs },
    http,
  };
}

/** Synthetic answers as a browser would post them (the API's body), from the demo's generator. */
async function postedBodies(db: Db, epci: string, count: number): Promise<string[]> {
  const stored = await syntheticResponses(db, epci, count, 11);
  return stored.map((s) => JSON.stringify({ answers: s.answers, others: s.others }));
}

/**
 * An instance of its own (embedded database), a published survey, then one POST every 1/50 s for 60 s, each
 * as a new browser from its own address (behind a proxy that says so: ADDRESS_HEADER), with a retry key; the
 * sender does not wait for answers. The server is then stopped and its answers and tallies counted.
 */
async function measureHttpSubmissions(progress: Progress, cleanups: (() => Promise<void> | void)[]): Promise<HttpSubmissions> {
  const { httpPerSecond, httpSeconds } = SURVEY_TARGETS;
  const total = httpPerSecond * httpSeconds;
  const tmp = mkdtempSync(join(tmpdir(), 'maillage-bench-surveys-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const dataDir = join(tmp, 'data');
  progress('surveys (HTTP): creating an embedded instance');
  const migrate = spawn(process.execPath, [join(REPO_ROOT, 'bin/maillage.js'), 'db', 'migrate'], { cwd: REPO_ROOT, env: { ...process.env, MAILLAGE_DATA_DIR: dataDir }, stdio: 'ignore' });
  if ((await once(migrate, 'close'))[0] !== 0) throw new Error('maillage db migrate failed');
  let database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  let id: string;
  let bodies: string[];
  try {
    const survey = await benchSurvey(database.db);
    id = survey.id;
    bodies = await postedBodies(database.db, survey.epci, 500);
  } finally {
    await database.close();
  }

  progress('surveys (HTTP): building the app if needed, then starting it');
  const { base, stop } = await startBuiltApp(BENCH_PORTS.surveys, { MAILLAGE_DATA_DIR: dataDir, ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
  cleanups.push(stop);
  // Warm-up: the route's code and the survey's definition, from an address the run does not use.
  await post(base, id, bodies[0]!, '192.0.2.1');

  progress(`surveys (HTTP): ${httpPerSecond} submissions/s for ${httpSeconds} s`);
  const statuses = new Map<string, number>();
  const latencies: number[] = [];
  const start = performance.now();
  let last = start;
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / httpPerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Each from its own address (10.x.y.z), as many people would be: the rate limit counts by address.
    const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const began = performance.now();
    sent.push(
      post(base, id, bodies[i % bodies.length]!, address).then((status) => {
        const ended = performance.now();
        latencies.push(ended - began);
        last = Math.max(last, ended);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(sent);
  const wallMs = last - start;
  await stop();

  database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    const [counted] = await queryRows<{ rows: number; tallied: number }>(
      database.db,
      sql`select (select count(*) from survey_responses where survey_id = ${id}::uuid)::int as rows,
                 (select coalesce(sum(count), 0) from survey_tallies where survey_id = ${id}::uuid and question = '' and code = 'answers')::int as tallied`,
    );
    const created = statuses.get('201') ?? 0;
    const others = Object.fromEntries([...statuses].filter(([status]) => status !== '201'));
    // The warm-up's answer is in the table too.
    return { sent: total, created, others, rows: counted!.rows - 1, tallied: counted!.tallied - 1, wallMs, latency: summarize(latencies) };
  } finally {
    await database.close();
  }
}

async function post(base: string, id: string, body: string, address: string): Promise<string> {
  try {
    const response = await fetch(`${base}/api/v1/surveys/${id}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': address, 'user-agent': 'maillage-bench' },
      body,
    });
    await response.arrayBuffer();
    return String(response.status);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return `network error${cause?.code ? ` (${cause.code})` : ''}`;
  }
}
