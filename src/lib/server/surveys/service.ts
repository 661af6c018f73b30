import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { assertCan, hitRateLimit, instanceSecret, organization, type Actor } from '../accounts/index.ts';
import { localNow } from '../booking/index.ts';
import { queryRows, type Db } from '../db/database.ts';
import { conflict, forbidden, invalid, notFound, parse, rateLimited } from '../errors.ts';
import { searchCommunesByPostalCode } from '../territory/index.ts';
import { checkAnswers } from './answers.ts';
import { PublicationInput, SubmissionInput } from './contracts.ts';
import { allQuestions, meaningOf, parseDefinition, textIn, type StoredAnswers, type SurveyDefinition } from './definition.ts';
import { codeDigest, digestOf, newOneTimeCode, newRespondentCookie, respondentToken } from './respondent.ts';
import { surveyContacts, surveyOneTimeCodes, surveyResponses, surveys, surveyVersions } from './schema.ts';
import { addToTallies, tallyKeys } from './tallies.ts';
import { CCVLV_2016 } from './template.ts';
import type { ResponseChannel, SurveyStatus } from './vocabulary.ts';

/** What every survey function is given: the database, who acts, and "now" (tests move it). */
export interface SurveyContext {
  db: Db;
  actor: Actor;
  now?: Date;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Today in Paris: the only time an answer keeps. */
export const todayOf = (now?: Date) => localNow(now ?? new Date()).day;

/** Submissions one client address may make to one survey in an hour (a family, a town hall's computer). */
export const SUBMISSIONS_PER_HOUR = 30;

export interface SurveyRecord {
  id: string;
  organizationId: string;
  organizationName: string;
  status: SurveyStatus;
  currentVersion: number;
  opensOn: string | null;
  closesOn: string | null;
  codeRequired: boolean;
  publicQuestions: string[];
  /** Whether its tallies count every answer (tallies.ts). */
  tallied: boolean;
  definition: SurveyDefinition;
}

/** Whether answers are taken today: open, not yet, or closed (by its dates or by hand). */
export type SurveyState = 'draft' | 'not-yet' | 'open' | 'closed';

export function stateOf(survey: Pick<SurveyRecord, 'status' | 'opensOn' | 'closesOn'>, today: string): SurveyState {
  if (survey.status === 'draft') return 'draft';
  if (survey.status === 'closed' || (survey.closesOn && today > survey.closesOn)) return 'closed';
  if (survey.opensOn && today < survey.opensOn) return 'not-yet';
  return 'open';
}

async function loadSurvey(db: Db | Tx, id: string): Promise<SurveyRecord | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await queryRows<{
    id: string;
    organization_id: string;
    organization_name: string;
    status: SurveyStatus;
    current_version: number;
    opens_on: string | null;
    closes_on: string | null;
    code_required: boolean;
    public_questions: string[];
    tallied: boolean;
    definition: SurveyDefinition;
  }>(
    db as Db,
    sql`select s.id, s.organization_id, o.name as organization_name, s.status, s.current_version,
               to_char(s.opens_on, 'YYYY-MM-DD') as opens_on, to_char(s.closes_on, 'YYYY-MM-DD') as closes_on,
               (s.access_code_digest is not null or exists (select 1 from survey_one_time_codes c where c.survey_id = s.id)) as code_required,
               s.public_questions, s.tallied, v.definition
        from surveys s
        join organization o on o.id = s.organization_id
        join survey_versions v on v.survey_id = s.id and v.version = s.current_version
        where s.id = ${id}::uuid`,
  );
  if (!row) return null;
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    status: row.status,
    currentVersion: row.current_version,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    codeRequired: row.code_required,
    publicQuestions: row.public_questions ?? [],
    tallied: row.tallied,
    definition: typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition,
  };
}

/** The survey for its team (`survey.manage` or `survey.read-results`); 404 for anyone else. */
export async function teamSurvey(ctx: SurveyContext, id: string, action: 'survey.manage' | 'survey.read-results' = 'survey.manage'): Promise<SurveyRecord> {
  const survey = await loadSurvey(ctx.db, id);
  if (!survey) throw notFound('survey_not_found');
  try {
    assertCan(ctx.actor, action, { type: 'survey', organizationId: survey.organizationId });
  } catch (error) {
    // Someone outside the team learns nothing of a survey that is not public.
    if (ctx.actor.kind === 'user' && survey.status === 'draft') throw notFound('survey_not_found');
    throw error;
  }
  return survey;
}

/** Creates a survey for a territory organization, from a definition (JSON import) or the CCVLV 2016 template. */
export async function createSurvey(ctx: SurveyContext, organizationId: string, definitionInput?: unknown): Promise<{ id: string }> {
  const [org] = await ctx.db.select({ id: organization.id, kind: organization.kind }).from(organization).where(eq(organization.id, organizationId));
  if (!org) throw notFound('organization_not_found');
  const actor = assertCan(ctx.actor, 'survey.create', { type: 'organization', id: org.id, kind: org.kind });
  const definition = definitionInput === undefined ? CCVLV_2016 : parseDefinition(definitionInput);
  return ctx.db.transaction(async (tx) => {
    const [survey] = await tx.insert(surveys).values({ organizationId, createdBy: actor.userId, tallied: true }).returning({ id: surveys.id });
    await tx.insert(surveyVersions).values({ surveyId: survey!.id, version: 1, definition });
    return { id: survey!.id };
  });
}

export interface SurveyListItem {
  id: string;
  title: string;
  organizationName: string;
  status: SurveyStatus;
  state: SurveyState;
  opensOn: string | null;
  closesOn: string | null;
  responses: number;
}

/** The surveys of the territory organizations the person is in, newest first. */
export async function mySurveys(ctx: SurveyContext, locale = 'fr'): Promise<SurveyListItem[]> {
  if (ctx.actor.kind !== 'user') return [];
  const organizations = ctx.actor.memberships.filter((m) => m.organizationKind === 'territory').map((m) => m.organizationId);
  if (!organizations.length) return [];
  const rows = await queryRows<{ id: string; organization_name: string; status: SurveyStatus; opens_on: string | null; closes_on: string | null; definition: SurveyDefinition; responses: number }>(
    ctx.db,
    sql`select s.id, o.name as organization_name, s.status, to_char(s.opens_on, 'YYYY-MM-DD') as opens_on,
               to_char(s.closes_on, 'YYYY-MM-DD') as closes_on, v.definition,
               (select count(*) from survey_responses r where r.survey_id = s.id)::int as responses
        from surveys s join organization o on o.id = s.organization_id
        join survey_versions v on v.survey_id = s.id and v.version = s.current_version
        where s.organization_id in (${sql.join(organizations.map((o) => sql`${o}`), sql`, `)})
        order by s.created_at desc`,
  );
  const today = todayOf(ctx.now);
  return rows.map((r) => {
    const definition: SurveyDefinition = typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition;
    return {
      id: r.id,
      title: textIn(definition.title, locale),
      organizationName: r.organization_name,
      status: r.status,
      state: stateOf({ status: r.status, opensOn: r.opens_on, closesOn: r.closes_on }, today),
      opensOn: r.opens_on,
      closesOn: r.closes_on,
      responses: r.responses,
    };
  });
}

/**
 * Replaces the questions. Without answers the current version changes in place; with answers a new version
 * is written and new answers use it. A question that has answers keeps its meaning (type, choices, bounds,
 * condition): changing it is refused (409), so each answer means what its respondent saw; a new question
 * under a new code does the job.
 */
export async function updateDefinition(ctx: SurveyContext, id: string, input: unknown): Promise<{ version: number; newVersion: boolean }> {
  const survey = await teamSurvey(ctx, id);
  const definition = parseDefinition(input);
  return ctx.db.transaction(async (tx) => {
    // One edit at a time: the survey row is locked while versions are compared and written.
    await tx.execute(sql`select 1 from surveys where id = ${id}::uuid for update`);
    const answered = await queryRows<{ version: number; codes: string[] }>(
      tx as unknown as Db,
      sql`select version, array(select distinct jsonb_object_keys(answers->'answers') from survey_responses r2
                                where r2.survey_id = ${id}::uuid and r2.version = r.version) as codes
          from (select distinct version from survey_responses where survey_id = ${id}::uuid) r`,
    );
    const versions = await tx.select().from(surveyVersions).where(eq(surveyVersions.surveyId, id));
    for (const { version, codes } of answered) {
      const old = versions.find((v) => v.version === version)!.definition;
      const before = new Map(allQuestions(old).map((q) => [q.code, q]));
      for (const question of allQuestions(definition)) {
        const previous = before.get(question.code);
        if (previous && codes.includes(question.code) && meaningOf(previous) !== meaningOf(question))
          throw conflict('survey_question_answered', { question: question.code });
      }
    }
    const current = survey.currentVersion;
    const hasAnswers = answered.some((a) => a.version === current);
    if (!hasAnswers) {
      await tx.update(surveyVersions).set({ definition }).where(and(eq(surveyVersions.surveyId, id), eq(surveyVersions.version, current)));
      await tx.update(surveys).set({ updatedAt: new Date() }).where(eq(surveys.id, id));
      return { version: current, newVersion: false };
    }
    const version = Math.max(...versions.map((v) => v.version)) + 1;
    await tx.insert(surveyVersions).values({ surveyId: id, version, definition });
    await tx.update(surveys).set({ currentVersion: version, updatedAt: new Date() }).where(eq(surveys.id, id));
    return { version, newVersion: true };
  });
}

/** The survey's definition as JSON (the current version, or another). */
export async function surveyDefinition(ctx: SurveyContext, id: string, version?: number): Promise<SurveyDefinition> {
  const survey = await teamSurvey(ctx, id, 'survey.read-results');
  if (version === undefined || version === survey.currentVersion) return survey.definition;
  const [row] = await ctx.db.select().from(surveyVersions).where(and(eq(surveyVersions.surveyId, id), eq(surveyVersions.version, version)));
  if (!row) throw notFound('survey_version_not_found', { version });
  return row.definition;
}

/** Publishes (or changes the publication of) a survey: dates, access code, questions of the public results. */
export async function publishSurvey(ctx: SurveyContext, id: string, input: unknown): Promise<void> {
  const survey = await teamSurvey(ctx, id);
  const publication: PublicationInput = parse(PublicationInput, input);
  const opensOn = publication.opensOn || null;
  const closesOn = publication.closesOn || null;
  if (opensOn && closesOn && closesOn < opensOn) throw invalid('invalid_input', { count: 1 }, [{ path: 'closesOn', message: 'survey_dates_order' }]);
  const codes = new Set(allQuestions(survey.definition).filter((q) => q.type !== 'text').map((q) => q.code));
  const publicQuestions = (publication.publicQuestions ?? survey.publicQuestions).filter((code) => codes.has(code));
  const secret = await instanceSecret(ctx.db);
  const accessCodeDigest =
    publication.accessCode === undefined ? undefined : publication.accessCode === '' ? null : codeDigest(secret, id, publication.accessCode);
  await ctx.db
    .update(surveys)
    .set({ status: 'published', opensOn, closesOn, publicQuestions, ...(accessCodeDigest !== undefined && { accessCodeDigest }), updatedAt: new Date() })
    .where(eq(surveys.id, id));
}

/** Closes a survey to new answers (its results stay). */
export async function closeSurvey(ctx: SurveyContext, id: string): Promise<void> {
  await teamSurvey(ctx, id);
  await ctx.db.update(surveys).set({ status: 'closed', updatedAt: new Date() }).where(eq(surveys.id, id));
}

/** Deletes a survey with its answers and the contact details left with it. */
export async function deleteSurvey(ctx: SurveyContext, id: string): Promise<void> {
  await teamSurvey(ctx, id);
  await ctx.db.delete(surveys).where(eq(surveys.id, id));
}

/** A batch of printed one-time codes; the codes are shown once, only their keyed digests are kept. */
export async function createOneTimeCodes(ctx: SurveyContext, id: string, count: number): Promise<string[]> {
  await teamSurvey(ctx, id);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw invalid('invalid_input', { count: 1 }, [{ path: 'count', message: 'survey_codes_count', params: { max: 1000 } }]);
  const secret = await instanceSecret(ctx.db);
  const codes = [...new Set(Array.from({ length: count }, newOneTimeCode))];
  await ctx.db
    .insert(surveyOneTimeCodes)
    .values(codes.map((code) => ({ surveyId: id, codeDigest: codeDigest(secret, id, code) })))
    .onConflictDoNothing();
  return codes;
}

export async function oneTimeCodeCounts(ctx: SurveyContext, id: string): Promise<{ total: number; used: number }> {
  await teamSurvey(ctx, id);
  const [row] = await queryRows<{ total: number; used: number }>(
    ctx.db,
    sql`select count(*)::int as total, count(used_on)::int as used from survey_one_time_codes where survey_id = ${id}::uuid`,
  );
  return row ?? { total: 0, used: 0 };
}

/** The surveys anyone may answer today (public list; those asking for a code say so). */
export async function openSurveys(db: Db, now?: Date): Promise<SurveyRecord[]> {
  const today = todayOf(now);
  const ids = await db
    .select({ id: surveys.id })
    .from(surveys)
    .where(
      and(
        eq(surveys.status, 'published'),
        sql`(${surveys.opensOn} is null or ${surveys.opensOn} <= ${today}::date) and (${surveys.closesOn} is null or ${surveys.closesOn} >= ${today}::date)`,
      ),
    )
    .orderBy(desc(surveys.createdAt));
  return (await Promise.all(ids.map((r) => loadSurvey(db, r.id)))).filter((s): s is SurveyRecord => !!s);
}

/** A published survey as the public sees it (a draft is not found). */
export async function publicSurvey(db: Db, id: string): Promise<SurveyRecord> {
  const survey = await loadSurvey(db, id);
  if (!survey || survey.status === 'draft') throw notFound('survey_not_found');
  return survey;
}

const communesOf = (db: Db) => async (postalCode: string) => (await searchCommunesByPostalCode(db, postalCode)).map((c) => c.code);

export interface SubmitOptions {
  channel: ResponseChannel;
  /** The browser's token (from its signed cookie); paper answers have none. */
  respondentToken?: string | null;
  /** The retry key: the same key stores one answer whatever the number of tries. */
  submissionKey?: string | null;
  /** Whatever identifies the client for the rate limit (its address); only its digest is counted, apart. */
  clientKey?: string | null;
  now?: Date;
  synthetic?: boolean;
  /** Submissions per client address and hour (tests and the benchmark raise it). */
  perHour?: number;
}

export interface SubmitResult {
  id: string;
  version: number;
  submittedOn: string;
  replayed: boolean;
}

/**
 * Stores one answer. Refused with nothing saved: a filled honeypot, too many submissions from one address,
 * a survey not open, a wrong or used code, a browser that has answered, and every answer that does not fit
 * its question. A retry with the same key finds the answer the first try stored.
 */
export async function submitResponse(db: Db, surveyId: string, body: unknown, options: SubmitOptions): Promise<SubmitResult> {
  const input = parse(SubmissionInput, body);
  if (input.website) throw invalid('survey_refused');
  const survey = await loadSurvey(db, surveyId);
  if (!survey || survey.status === 'draft') throw notFound('survey_not_found');
  const today = todayOf(options.now);
  if (options.channel === 'online') {
    const state = stateOf(survey, today);
    if (state === 'not-yet') throw conflict('survey_not_open', { opensOn: survey.opensOn ?? '' });
    if (state === 'closed') throw conflict('survey_closed');
  }
  const submissionDigest = options.submissionKey ? digestOf(surveyId, 'submission', options.submissionKey) : null;
  if (submissionDigest) {
    const [stored] = await db
      .select({ id: surveyResponses.id, version: surveyResponses.version, submittedOn: surveyResponses.submittedOn })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.submissionDigest, submissionDigest)));
    if (stored) return { ...stored, replayed: true };
  }
  if (options.clientKey) {
    const decision = await hitRateLimit(db, `survey:${digestOf(surveyId, 'client', options.clientKey)}`, { max: options.perHour ?? SUBMISSIONS_PER_HOUR, windowSeconds: 3600 }, options.now);
    if (!decision.allowed) throw rateLimited('survey_rate_limited', { minutes: Math.ceil(decision.retryAfterSeconds / 60) });
  }
  const respondentDigest = options.respondentToken ? digestOf(surveyId, 'respondent', options.respondentToken) : null;
  if (respondentDigest) {
    const [already] = await db
      .select({ id: surveyResponses.id })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.respondentDigest, respondentDigest)));
    if (already) throw conflict('survey_already_answered');
  }
  const secret = survey.codeRequired && options.channel === 'online' ? await instanceSecret(db) : '';
  const stored = await checkAnswers(survey.definition, { answers: input.answers, others: input.others }, communesOf(db));
  return db.transaction(async (tx) => {
    if (survey.codeRequired && options.channel === 'online') await checkCodes(tx, survey.id, secret, input, today);
    const counted = { version: survey.currentVersion, channel: options.channel, path: pathOf(survey.definition, stored), communeCode: communeOf(survey.definition, stored) };
    const [row] = await tx
      .insert(surveyResponses)
      .values({ ...counted, surveyId, submittedOn: today, synthetic: options.synthetic ?? false, answers: stored, respondentDigest, submissionDigest })
      .onConflictDoNothing()
      .returning({ id: surveyResponses.id, version: surveyResponses.version, submittedOn: surveyResponses.submittedOn });
    if (!row) {
      // Lost a race: the same retry key (its answer is the one to give) or the same browser.
      if (submissionDigest) {
        const [stored] = await tx
          .select({ id: surveyResponses.id, version: surveyResponses.version, submittedOn: surveyResponses.submittedOn })
          .from(surveyResponses)
          .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.submissionDigest, submissionDigest)));
        if (stored) return { ...stored, replayed: true };
      }
      throw conflict('survey_already_answered');
    }
    await addToTallies(tx as unknown as Db, surveyId, counted, tallyKeys(survey.definition, stored, options.channel));
    if (input.contact) await tx.insert(surveyContacts).values({ surveyId, name: input.contact.name, email: input.contact.email ?? '', phone: input.contact.phone ?? '', receivedOn: today });
    return { ...row, replayed: false };
  });
}

/** The access code, or a one-time code used up in the same statement that checks it (a used code: 409). */
async function checkCodes(tx: Tx, surveyId: string, secret: string, input: SubmissionInput, today: string): Promise<void> {
  if (input.oneTimeCode) {
    const digest = codeDigest(secret, surveyId, input.oneTimeCode);
    const used = await tx
      .update(surveyOneTimeCodes)
      .set({ usedOn: today })
      .where(and(eq(surveyOneTimeCodes.surveyId, surveyId), eq(surveyOneTimeCodes.codeDigest, digest), isNull(surveyOneTimeCodes.usedOn)))
      .returning({ digest: surveyOneTimeCodes.codeDigest });
    if (used.length) return;
    const [known] = await tx.select({ digest: surveyOneTimeCodes.codeDigest }).from(surveyOneTimeCodes).where(and(eq(surveyOneTimeCodes.surveyId, surveyId), eq(surveyOneTimeCodes.codeDigest, digest)));
    if (known) throw conflict('survey_code_used');
    // Not a one-time code: it may be the access code (the form sends what was typed as both).
    if (!input.accessCode) throw forbidden('survey_code_wrong');
  }
  const [row] = await tx.select({ digest: surveys.accessCodeDigest }).from(surveys).where(eq(surveys.id, surveyId));
  if (!row?.digest) throw forbidden('survey_code_required');
  if (!input.accessCode || codeDigest(secret, surveyId, input.accessCode) !== row.digest) throw forbidden(input.accessCode ? 'survey_code_wrong' : 'survey_code_required');
}

/** A paper questionnaire typed in by the survey's team: same checks, marked as entered by staff. */
export async function enterPaperResponse(ctx: SurveyContext, id: string, body: unknown, submissionKey?: string | null): Promise<SubmitResult> {
  await teamSurvey(ctx, id);
  return submitResponse(ctx.db, id, body, { channel: 'paper', submissionKey, now: ctx.now });
}

/** The first question's answer: the path the respondent took. */
export function pathOf(definition: SurveyDefinition, stored: StoredAnswers): string | null {
  const first = definition.sections[0]?.questions[0];
  const value = first ? stored.answers[first.code] : undefined;
  return typeof value === 'string' ? value : null;
}

/** The first commune answered, for the filter and the map. */
export function communeOf(definition: SurveyDefinition, stored: StoredAnswers): string | null {
  for (const q of allQuestions(definition)) {
    const value = stored.answers[q.code];
    if (q.type === 'commune' && value && typeof value === 'object' && !Array.isArray(value)) return value.commune;
  }
  return null;
}

export interface ResponseRow {
  id: string;
  version: number;
  submittedOn: string;
  channel: ResponseChannel;
  synthetic: boolean;
  path: string | null;
  communeCode: string | null;
  answers: StoredAnswers;
}

export interface ResponseFilters {
  version?: number;
  path?: string;
  commune?: string;
  /** Only the answers that gave `answer` to `question` (both, or neither). */
  question?: string;
  answer?: string;
}

/** Whether an answer's value for `question` stands for the code `answer` (as `codesOf` reads it). */
export function givesAnswer(question: string, answer: string): SQL {
  const value = sql`(${surveyResponses.answers} -> 'answers' -> ${question})`;
  return sql`coalesce(case jsonb_typeof(${value})
    when 'array' then ${value} ? ${answer}
    when 'boolean' then (case when ${value} = 'true'::jsonb then 'yes' else 'no' end) = ${answer}
    when 'object' then ${value} ->> 'commune' = ${answer}
    else ${value} #>> '{}' = ${answer} end, false)`;
}

/** The conditions of the filters on `survey_responses`. */
export function responseFilters(surveyId: string, filters: ResponseFilters): SQL {
  const conditions = [eq(surveyResponses.surveyId, surveyId)];
  if (filters.version) conditions.push(eq(surveyResponses.version, filters.version));
  if (filters.path) conditions.push(eq(surveyResponses.path, filters.path));
  if (filters.commune) conditions.push(eq(surveyResponses.communeCode, filters.commune));
  if (filters.question && filters.answer) conditions.push(givesAnswer(filters.question, filters.answer));
  return and(...conditions)!;
}

/** Every answer of a survey, oldest first (for the exports of its team, and results filtered on an answer). */
export async function responseRows(db: Db, surveyId: string, filters: ResponseFilters = {}): Promise<ResponseRow[]> {
  return db
    .select({
      id: surveyResponses.id,
      version: surveyResponses.version,
      submittedOn: surveyResponses.submittedOn,
      channel: surveyResponses.channel,
      synthetic: surveyResponses.synthetic,
      path: surveyResponses.path,
      communeCode: surveyResponses.communeCode,
      answers: surveyResponses.answers,
    })
    .from(surveyResponses)
    .where(responseFilters(surveyId, filters))
    .orderBy(asc(surveyResponses.submittedOn), asc(surveyResponses.id));
}

/** The names of communes, by code. */
export async function communeNames(db: Db, codes: string[]): Promise<Map<string, { name: string; population: number }>> {
  if (!codes.length) return new Map();
  const rows = await queryRows<{ code: string; name: string; population: number }>(
    db,
    sql`select code, name, population from communes where code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`,
  );
  return new Map(rows.map((r) => [r.code, { name: r.name, population: r.population }]));
}

/** The communes of the organization's territory (its scope), with their population, for representation. */
export async function territoryCommunes(db: Db, organizationId: string): Promise<{ code: string; name: string; population: number; lat: number; lon: number }[]> {
  return queryRows(
    db,
    sql`select c.code, c.name, c.population, c.lat, c.lon from organization o join communes c on c.kind = 'commune' and (
          (o.scope_level = 'epci' and c.epci_siren = o.scope_code) or (o.scope_level = 'commune' and c.code = o.scope_code)
          or (o.scope_level = 'departement' and c.departement_code = o.scope_code) or (o.scope_level = 'region' and c.region_code = o.scope_code))
        where o.id = ${organizationId} order by c.population desc`,
  );
}

/** Versions of a survey with their answer counts. */
export async function versionCounts(db: Db, surveyId: string): Promise<{ version: number; responses: number }[]> {
  return queryRows(
    db,
    sql`select v.version, (select count(*) from survey_responses r where r.survey_id = v.survey_id and r.version = v.version)::int as responses
        from survey_versions v where v.survey_id = ${surveyId}::uuid order by v.version`,
  );
}


/**
 * The browser's respondent token from its cookie, or a new one: `cookie` is the value to set (a year, HTTP
 * only, this survey's path) so that a second answer from this browser is recognised.
 */
export async function browserRespondent(db: Db, surveyId: string, cookie: string | undefined): Promise<{ token: string; cookie: string }> {
  const secret = await instanceSecret(db);
  const token = respondentToken(secret, surveyId, cookie);
  if (token) return { token, cookie: cookie! };
  const fresh = newRespondentCookie(secret, surveyId);
  return { token: respondentToken(secret, surveyId, fresh)!, cookie: fresh };
}

/** The people who asked to be contacted (the team only; kept apart from the answers, deleted with the survey). */
export async function surveyContactList(ctx: SurveyContext, id: string): Promise<{ name: string; email: string; phone: string; receivedOn: string }[]> {
  await teamSurvey(ctx, id);
  return ctx.db
    .select({ name: surveyContacts.name, email: surveyContacts.email, phone: surveyContacts.phone, receivedOn: surveyContacts.receivedOn })
    .from(surveyContacts)
    .where(eq(surveyContacts.surveyId, id))
    .orderBy(asc(surveyContacts.receivedOn), asc(surveyContacts.name));
}
