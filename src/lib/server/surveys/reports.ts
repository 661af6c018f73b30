import type { Db } from '../db/database.ts';
import { notFound, parse } from '../errors.ts';
import { ResultsQuery } from './contracts.ts';
import { allQuestions, type SurveyDefinition } from './definition.ts';
import { responsesCsv, responsesJson, responsesXlsx } from './exports.ts';
import { computeResults, crossTabulate, filterByAnswer, representation, type CrossTab, type SurveyResults } from './results.ts';
import { communeNames, publicSurvey, responseRows, teamSurvey, territoryCommunes, versionCounts, type ResponseRow, type SurveyContext, type SurveyRecord } from './service.ts';

/*
 * What the results page, the API and the exports read: the same filters everywhere (version, path, commune,
 * a choice of another question), the same protection of small groups on everything displayed.
 */

export interface TeamResults {
  survey: SurveyRecord;
  query: ResultsQuery;
  results: SurveyResults;
  crossTab: CrossTab | null;
  representation: ReturnType<typeof representation>;
  versions: { version: number; responses: number }[];
}

async function filteredRows(db: Db, survey: SurveyRecord, query: ResultsQuery): Promise<ResponseRow[]> {
  const rows = await responseRows(db, survey.id, { version: query.version, path: query.path, commune: query.commune });
  return filterByAnswer(rows, query.question, query.answer);
}

const namesOf = async (db: Db, rows: ResponseRow[]) => communeNames(db, [...new Set(rows.map((r) => r.communeCode).filter((c): c is string => !!c))]);

/** The team's results, with filters and an optional cross-tabulation. */
export async function teamResults(ctx: SurveyContext, id: string, input: unknown, locale: string): Promise<TeamResults> {
  const survey = await teamSurvey(ctx, id, 'survey.read-results');
  const query = parse(ResultsQuery, input);
  const rows = await filteredRows(ctx.db, survey, query);
  const [names, communes, versions] = await Promise.all([namesOf(ctx.db, rows), territoryCommunes(ctx.db, survey.organizationId), versionCounts(ctx.db, id)]);
  const results = computeResults(survey.definition, rows, { locale, texts: true, communeNames: names });
  const crossTab = query.rows && query.columns && !results.tooFew ? crossTabulate(survey.definition, rows, query.rows, query.columns, locale) : null;
  return { survey, query, results, crossTab, representation: results.tooFew ? [] : representation(rows, communes), versions };
}

/** The public results page: only the questions the team chose, never free texts, small groups protected. */
export async function publicResults(db: Db, id: string, locale: string): Promise<{ survey: SurveyRecord; results: SurveyResults }> {
  const survey = await publicSurvey(db, id);
  if (!survey.publicQuestions.length) throw notFound('survey_results_not_public');
  const only = allQuestions(survey.definition).filter((q) => q.type !== 'text' && survey.publicQuestions.includes(q.code)).map((q) => q.code);
  const rows = await responseRows(db, survey.id);
  return { survey, results: computeResults(survey.definition, rows, { locale, texts: false, only, communeNames: await namesOf(db, rows) }) };
}

export type ExportFormat = 'csv' | 'xlsx' | 'json';

/** The raw answers for the team, filtered as the results page. */
export async function exportResponses(ctx: SurveyContext, id: string, input: unknown, format: ExportFormat, locale: string): Promise<{ body: string | Buffer; definition: SurveyDefinition }> {
  const survey = await teamSurvey(ctx, id, 'survey.read-results');
  const query = parse(ResultsQuery, input);
  const rows = await filteredRows(ctx.db, survey, query);
  const names = await namesOf(ctx.db, rows);
  const { definition } = survey;
  if (format === 'csv') return { body: responsesCsv(definition, rows, locale, names), definition };
  if (format === 'json') return { body: JSON.stringify(responsesJson(id, definition, rows)), definition };
  const results = computeResults(definition, rows, { locale, texts: false, communeNames: names });
  return { body: await responsesXlsx(definition, rows, results, locale, names), definition };
}
