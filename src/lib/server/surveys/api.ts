import * as z from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { ResponseCreatedJson, ResultsJson, ResultsQuery, SubmissionInput, SurveyJson, SurveySummaryJson } from './contracts.ts';

const surveyPath = z.object({ id: z.uuid().meta({ description: 'The survey id' }) });
const TEAM = 'The survey’s team only (members of its territory organization, signed in); anyone else gets a 404 or a 403 problem.';
const FILTERS = 'Filters: `version`, `path` (the first question’s answer), `commune` (INSEE code), `question` and `answer` (a choice of another question).';

/** The surveys part of the OpenAPI description, built from the contracts the routes parse and answer with. */
export const surveysPaths: ZodOpenApiPathsObject = {
  '/surveys': {
    get: {
      summary: 'The surveys open today',
      description: 'Public. Published surveys whose opening and closing days include today; `codeRequired` says whether an access code or a one-time code is asked.',
      tags: ['surveys'],
      responses: { '200': { description: 'Open surveys', content: { 'application/json': { schema: z.object({ items: z.array(SurveySummaryJson) }) } } } },
    },
  },
  '/surveys/{id}': {
    get: {
      summary: 'A published survey’s questions (its current version)',
      description: 'Public. Sections and questions in French and English, with their conditions (`showIf`).',
      tags: ['surveys'],
      requestParams: { path: surveyPath },
      responses: { '200': { description: 'The survey', content: { 'application/json': { schema: SurveyJson } } }, ...problemResponses('404') },
    },
  },
  '/surveys/{id}/responses': {
    post: {
      summary: 'Answer a survey (no account)',
      description:
        'Anonymous: no IP address, user agent or time finer than the day is stored. One answer per browser (a signed cookie ' +
        'set by the answer); an `Idempotency-Key` header makes retries store one answer (201 the first time, 200 with ' +
        '`Idempotency-Replayed: true` after). Answers that do not fit their question are refused with a 400 naming each one; ' +
        'a survey not open or closed, a browser that has answered, a used one-time code: 409; a missing or wrong code: 403; ' +
        'too many answers from one address: 429.',
      tags: ['surveys'],
      requestParams: { path: surveyPath, header: z.object({ 'idempotency-key': z.string().max(200).optional() }) },
      requestBody: { content: { 'application/json': { schema: SubmissionInput } } },
      responses: {
        '201': { description: 'Stored', content: { 'application/json': { schema: ResponseCreatedJson } } },
        '200': { description: 'A retry of an answer already stored', content: { 'application/json': { schema: ResponseCreatedJson } } },
        ...problemResponses('400', '403', '404', '409', '415', '429'),
      },
    },
  },
  '/surveys/{id}/results': {
    get: {
      summary: 'Results: counts and percentages by question, small groups protected',
      description:
        `For the survey’s team (\`audience: "team"\`): every question with the free texts, respondents by commune against the population. ${FILTERS} \`rows\` and \`columns\` ask for a cross-tabulation with an indicative chi-square test. ` +
        'For anyone else, signed in or not (`audience: "public"`), when the team made results public: the questions it chose, never a free text, and no filter (a 403 problem if one is given); otherwise a 401, 403 or 404 problem. ' +
        'Any count from 1 to 4 is `{"kind":"small"}` ("< 5"); counts that would give one away are `{"kind":"hidden"}`.',
      tags: ['surveys'],
      requestParams: { path: surveyPath, query: ResultsQuery },
      responses: { '200': { description: 'The results', content: { 'application/json': { schema: ResultsJson } } }, ...problemResponses('400', '401', '403', '404') },
    },
  },
  '/surveys/{id}/responses.csv': {
    get: {
      summary: 'The answers as CSV',
      description: `${TEAM} One row per answer, \`;\` separated, UTF-8 with a byte-order mark; a multiple choice gives one 0/1 column per option; a commune its INSEE code and name. ${FILTERS}`,
      tags: ['surveys'],
      requestParams: { path: surveyPath, query: ResultsQuery },
      responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...problemResponses('401', '403', '404') },
    },
  },
  '/surveys/{id}/responses.xlsx': {
    get: {
      summary: 'The answers as a spreadsheet, with a codebook and the results',
      description: `${TEAM} ${FILTERS}`,
      tags: ['surveys'],
      requestParams: { path: surveyPath, query: ResultsQuery },
      responses: {
        '200': { description: 'XLSX', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) } } },
        ...problemResponses('401', '403', '404'),
      },
    },
  },
  '/surveys/{id}/responses.json': {
    get: {
      summary: 'The definition and the answers as JSON',
      description: `${TEAM} ${FILTERS}`,
      tags: ['surveys'],
      requestParams: { path: surveyPath, query: ResultsQuery },
      responses: { '200': { description: 'JSON', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, ...problemResponses('401', '403', '404') },
    },
  },
};
