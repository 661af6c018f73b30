import * as z from 'zod';
import { isoDay } from '../booking/index.ts';
import { MAX_OTHER_LENGTH } from './vocabulary.ts';

/** An answer as the API takes it; its fit to the question is checked by `checkAnswers`. */
const AnswerInput = z.union([
  z.string().max(5000),
  z.array(z.string().max(100)).max(50),
  z.number(),
  z.boolean(),
  z.strictObject({ postalCode: z.string().max(10), commune: z.string().max(10) }),
]);

export const ContactInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254).optional().or(z.literal('')),
  phone: z.string().trim().max(30).optional(),
});

export const SubmissionInput = z
  .strictObject({
    answers: z.record(z.string().max(60), AnswerInput),
    others: z.record(z.string().max(60), z.string().max(MAX_OTHER_LENGTH * 2)).optional(),
    /** Only when the person ticks "contact me": stored apart from the answers. */
    contact: ContactInput.optional(),
    accessCode: z.string().max(40).optional(),
    oneTimeCode: z.string().max(40).optional(),
    /** A field people never see: bots fill it in. */
    website: z.string().max(200).optional(),
  })
  .meta({ id: 'SurveySubmission' });
export type SubmissionInput = z.infer<typeof SubmissionInput>;

export const PublicationInput = z.strictObject({
  opensOn: isoDay.optional().or(z.literal('')),
  closesOn: isoDay.optional().or(z.literal('')),
  /** Empty: no code asked. */
  accessCode: z.string().trim().max(40).optional(),
  publicQuestions: z.array(z.string().max(60)).max(200).optional(),
});
export type PublicationInput = z.infer<typeof PublicationInput>;

/** Filters of the results and exports: a version, a path, a commune, a choice of another question. */
export const ResultsQuery = z
  .strictObject({
    version: z.coerce.number().int().min(1).max(10_000).optional(),
    path: z.string().max(40).optional(),
    commune: z.string().regex(/^[0-9AB]{5}$/, 'survey_commune_code').optional(),
    question: z.string().max(60).optional(),
    answer: z.string().max(60).optional(),
    /** Cross-tabulation: rows by one question, columns by another. */
    rows: z.string().max(60).optional(),
    columns: z.string().max(60).optional(),
  })
  .meta({ id: 'SurveyResultsQuery' });
export type ResultsQuery = z.infer<typeof ResultsQuery>;

export const OneTimeCodesInput = z.strictObject({ count: z.coerce.number().int().min(1).max(1000) });

const ShownJson = z.union([z.object({ kind: z.literal('count'), value: z.number() }), z.object({ kind: z.literal('small') }), z.object({ kind: z.literal('hidden') })]).meta({ id: 'SurveyShownCount' });

export const SurveySummaryJson = z
  .object({ id: z.uuid(), title: z.string(), opensOn: z.string().nullable(), closesOn: z.string().nullable(), codeRequired: z.boolean(), url: z.string() })
  .meta({ id: 'SurveySummary' });

export const SurveyJson = z
  .object({
    id: z.uuid(),
    version: z.number(),
    status: z.string(),
    opensOn: z.string().nullable(),
    closesOn: z.string().nullable(),
    codeRequired: z.boolean(),
    definition: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Survey' });

export const ResponseCreatedJson = z.object({ id: z.uuid(), version: z.number(), submittedOn: z.string() }).meta({ id: 'SurveyResponseCreated' });

export const ResultsJson = z
  .object({
    surveyId: z.uuid(),
    audience: z.enum(['team', 'public']).meta({ description: '`team`: every question, free texts, filters; `public`: the questions the team made public, no free text, no filter.' }),
    respondents: ShownJson,
    tooFew: z.boolean().meta({ description: 'The filters leave 1 to 4 answers: nothing else is given.' }),
    byPath: z.array(z.object({ code: z.string(), label: z.string(), count: ShownJson })),
    byChannel: z.array(z.object({ channel: z.enum(['online', 'paper']), count: ShownJson })),
    completion: z.number().nullable(),
    questions: z.array(
      z.object({
        code: z.string(),
        type: z.string(),
        label: z.string(),
        section: z.string(),
        n: ShownJson,
        skipped: ShownJson,
        items: z.array(z.object({ code: z.string(), label: z.string(), count: ShownJson, percent: z.number().nullable(), first: ShownJson.optional() })),
        mean: z.number().nullable().optional(),
        median: z.number().nullable().optional(),
        texts: z.array(z.string()).optional().meta({ description: 'Free texts: the team only.' }),
      }),
    ),
    crossTab: z.unknown().optional().meta({ description: 'The team only, when `rows` and `columns` are given.' }),
    representation: z
      .array(z.object({ code: z.string(), name: z.string(), population: z.number(), count: ShownJson, share: z.number().nullable(), populationShare: z.number(), ratio: z.number().nullable() }))
      .optional()
      .meta({ description: 'The team only: respondents by commune of the territory against its INSEE population.' }),
  })
  .meta({ id: 'SurveyResults' });
