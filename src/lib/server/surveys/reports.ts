import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { can } from '../accounts/index.ts';
import { forbidden, notFound, parse } from '../errors.ts';
import { ResultsQuery } from './contracts.ts';
import { allQuestions, type SurveyDefinition } from './definition.ts';
import { responsesCsv, responsesJson, responsesXlsx } from './exports.ts';
import { computeResults, crossTabbable, crossTabulate, representation, type CrossTab, type PairCounts, type SurveyResults } from './results.ts';
import { surveyResponses } from './schema.ts';
import {
  communeNames,
  publicSurvey,
  responseFilters,
  responseRows,
  teamSurvey,
  territoryCommunes,
  type ResponseFilters,
  type SurveyContext,
  type SurveyRecord,
} from './service.ts';
import { answersByVersion, definitionsOf, readTally, recountTallies, tallyOfRows, type Tally } from './tallies.ts';

/*
 * What the results page, the API and the exports read: the same filters everywhere (version, path, commune,
 * a choice of another question), the same protection of small groups on everything displayed. Counts come
 * from the survey's tallies; a filter on another question's answer counts the answers it keeps; a
 * cross-tabulation and the free texts are read from the answers by the database.
 */

export interface TeamResults {
  survey: SurveyRecord;
  query: ResultsQuery;
  results: SurveyResults;
  crossTab: CrossTab | null;
  representation: ReturnType<typeof representation>;
  versions: { version: number; responses: number }[];
}

/** The tally of the answers the filters keep. */
async function tallyFor(db: Db, survey: SurveyRecord, filters: ResponseFilters): Promise<Tally> {
  if (filters.question && filters.answer) return tallyOfRows(await definitionsOf(db, survey.id), await responseRows(db, survey.id, filters));
  // Answers stored before the tallies existed are counted once, on the first reading.
  if (!survey.tallied) await recountTallies(db, survey.id);
  return readTally(db, survey.id, filters);
}

/** The free texts the filters keep, by question, oldest first. */
async function freeTexts(db: Db, survey: SurveyRecord, filters: ResponseFilters): Promise<Map<string, string[]>> {
  const codes = allQuestions(survey.definition).filter((q) => q.type === 'text').map((q) => q.code);
  const lists = await Promise.all(
    codes.map((code) =>
      queryRows<{ text: string }>(
        db,
        sql`select ${surveyResponses.answers} -> 'answers' ->> ${code} as text from ${surveyResponses}
            where ${responseFilters(survey.id, filters)} and ${surveyResponses.answers} -> 'answers' ? ${code}
            order by ${surveyResponses.submittedOn}, ${surveyResponses.id}`,
      ),
    ),
  );
  return new Map(codes.map((code, i) => [code, lists[i]!.map((t) => t.text)]));
}

/** Two single-answer questions counted together by the database. */
async function pairCounts(db: Db, survey: SurveyRecord, filters: ResponseFilters, rowCode: string, columnCode: string): Promise<PairCounts> {
  const codeOf = (question: string) => {
    const value = sql`(${surveyResponses.answers} -> 'answers' -> ${question})`;
    return sql`case jsonb_typeof(${value}) when 'boolean' then (case when ${value} = 'true'::jsonb then 'yes' else 'no' end) else ${value} #>> '{}' end`;
  };
  const rows = await queryRows<{ r: string; c: string; n: number }>(
    db,
    sql`select ${codeOf(rowCode)} as r, ${codeOf(columnCode)} as c, count(*)::int as n from ${surveyResponses}
        where ${responseFilters(survey.id, filters)} group by 1, 2`,
  );
  return rows.filter((x) => x.r !== null && x.c !== null).map((x) => [x.r, x.c, x.n]);
}

const namesOf = (db: Db, tally: Tally, definition: SurveyDefinition) => {
  const codes = new Set(tally.byCommune.keys());
  for (const q of allQuestions(definition)) if (q.type === 'commune') for (const code of tally.keys.get(q.code)?.keys() ?? []) if (!code.startsWith('?')) codes.add(code);
  return communeNames(db, [...codes]);
};

/** The team's results, with filters and an optional cross-tabulation. */
export async function teamResults(ctx: SurveyContext, id: string, input: unknown, locale: string): Promise<TeamResults> {
  const survey = await teamSurvey(ctx, id, 'survey.read-results');
  const query = parse(ResultsQuery, input);
  const tally = await tallyFor(ctx.db, survey, query);
  const [names, communes, versions, texts] = await Promise.all([
    namesOf(ctx.db, tally, survey.definition),
    territoryCommunes(ctx.db, survey.organizationId),
    answersByVersion(ctx.db, id),
    freeTexts(ctx.db, survey, query),
  ]);
  const results = computeResults(survey.definition, tally, { locale, texts, communeNames: names });
  const crossTab = results.tooFew ? null : await crossTabulation(ctx.db, survey, query, locale);
  return { survey, query, results, crossTab, representation: results.tooFew ? [] : representation(tally.byCommune, communes), versions };
}

/** The cross-tabulation `query` asks for (rows and columns), counted by the database, protected; null if none. */
export async function crossTabulation(db: Db, survey: SurveyRecord, query: ResultsQuery, locale: string): Promise<CrossTab | null> {
  const { rows, columns } = query;
  if (!rows || !columns || rows === columns) return null;
  const questions = new Map(allQuestions(survey.definition).map((q) => [q.code, q]));
  const [rq, cq] = [questions.get(rows), questions.get(columns)];
  if (!rq || !cq || !crossTabbable(rq) || !crossTabbable(cq)) return null;
  return crossTabulate(survey.definition, await pairCounts(db, survey, query, rows, columns), rows, columns, locale);
}

/** The public results: only the questions the team chose, never free texts, small groups protected. */
export async function publicResults(db: Db, id: string, locale: string): Promise<{ survey: SurveyRecord; results: SurveyResults }> {
  const survey = await publicSurvey(db, id);
  if (!survey.publicQuestions.length) throw notFound('survey_results_not_public');
  const only = allQuestions(survey.definition).filter((q) => q.type !== 'text' && survey.publicQuestions.includes(q.code)).map((q) => q.code);
  const tally = await tallyFor(db, survey, {});
  return { survey, results: computeResults(survey.definition, tally, { locale, only, communeNames: await namesOf(db, tally, survey.definition) }) };
}

/**
 * The results as the caller may read them (the API): the team's with filters and cross-tabulation, or, for
 * anyone else, the public results when the team made some public. Filters are the team's: a filtered count
 * set beside the public ones could give a small group away.
 */
export async function callerResults(ctx: SurveyContext, id: string, input: unknown, locale: string): Promise<({ audience: 'team' } & TeamResults) | { audience: 'public'; survey: SurveyRecord; results: SurveyResults }> {
  const survey = await publicSurvey(ctx.db, id).catch(() => null);
  if (survey && survey.publicQuestions.length && !can(ctx.actor, 'survey.read-results', { type: 'survey', organizationId: survey.organizationId })) {
    const query = parse(ResultsQuery, input);
    if (Object.values(query).some((value) => value !== undefined)) throw forbidden('survey_results_filters_team');
    return { audience: 'public', ...(await publicResults(ctx.db, id, locale)) };
  }
  return { audience: 'team', ...(await teamResults(ctx, id, input, locale)) };
}

export type ExportFormat = 'csv' | 'xlsx' | 'json';

/** The raw answers for the team, filtered as the results page. */
export async function exportResponses(ctx: SurveyContext, id: string, input: unknown, format: ExportFormat, locale: string): Promise<{ body: string | Buffer; definition: SurveyDefinition }> {
  const survey = await teamSurvey(ctx, id, 'survey.read-results');
  const query = parse(ResultsQuery, input);
  const rows = await responseRows(ctx.db, survey.id, query);
  const names = await communeNames(ctx.db, [...new Set(rows.map((r) => r.communeCode).filter((c): c is string => !!c))]);
  const { definition } = survey;
  if (format === 'csv') return { body: responsesCsv(definition, rows, locale, names), definition };
  if (format === 'json') return { body: JSON.stringify(responsesJson(id, definition, rows)), definition };
  const results = computeResults(definition, tallyOfRows(await definitionsOf(ctx.db, id), rows), { locale, communeNames: names });
  return { body: await responsesXlsx(definition, rows, results, locale, names), definition };
}
