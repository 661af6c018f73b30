import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from '../accounts/schema.ts';
import type { StoredAnswers, SurveyDefinition } from './definition.ts';
import { responseChannels, surveyStatuses } from './vocabulary.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/*
 * A survey belongs to a territory organization. Its questions live in versions: a version that has answers
 * never changes, so editing a published survey writes a new version and each answer says which one it used.
 *
 * Answers are anonymous: no account, no IP address, no user agent, and no time finer than the day
 * (`submitted_on` is a date). A browser is recognised only by the digest of a random token in a signed
 * cookie (`respondent_digest`), per survey, so it answers once; contact details, when someone asks to be
 * contacted, live in `survey_contacts`, with no link to their answers.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: text()
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    /** Who created it; the survey and its answers stay when that account goes. */
    createdBy: text().references(() => user.id, { onDelete: 'set null' }),
    status: text({ enum: surveyStatuses }).notNull().default('draft'),
    /** The version new answers use. */
    currentVersion: integer().notNull().default(1),
    opensOn: date({ mode: 'string' }),
    closesOn: date({ mode: 'string' }),
    /** HMAC (instance secret) of the optional access code shared on a flyer; null: no code asked. */
    accessCodeDigest: text(),
    /** Questions shown on the public results page (never free texts). */
    publicQuestions: text().array().notNull().default(sql`'{}'::text[]`),
    /** Whether `survey_tallies` holds every answer (false: the next reading of the results counts them again). */
    tallied: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('surveys_organization_idx').on(table.organizationId),
    check('surveys_status_check', sql`${table.status} in (${inList(surveyStatuses)})`),
    check('surveys_dates_check', sql`${table.closesOn} is null or ${table.opensOn} is null or ${table.closesOn} >= ${table.opensOn}`),
  ],
);

export const surveyVersions = pgTable(
  'survey_versions',
  {
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    definition: jsonb().$type<SurveyDefinition>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.surveyId, table.version] }), check('survey_versions_version_check', sql`${table.version} >= 1`)],
);

export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid().primaryKey().defaultRandom(),
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    /** The day only, never an instant. */
    submittedOn: date({ mode: 'string' }).notNull(),
    channel: text({ enum: responseChannels }).notNull().default('online'),
    synthetic: boolean().notNull().default(false),
    answers: jsonb().$type<StoredAnswers>().notNull(),
    /** The path taken (the first question's choice), and the commune answered, for filters. */
    path: text(),
    communeCode: text(),
    /** Digest of the browser's random token (one answer per browser); null for paper answers. */
    respondentDigest: text(),
    /** Digest of the submission's retry key: a retried POST finds the answer it stored. */
    submissionDigest: text(),
  },
  (table) => [
    index('survey_responses_survey_idx').on(table.surveyId, table.version),
    uniqueIndex('survey_responses_respondent_key').on(table.surveyId, table.respondentDigest),
    uniqueIndex('survey_responses_submission_key').on(table.surveyId, table.submissionDigest),
    check('survey_responses_channel_check', sql`${table.channel} in (${inList(responseChannels)})`),
  ],
);

/** Printed one-time codes: each accepted once; the day it was used, nothing more. */
export const surveyOneTimeCodes = pgTable(
  'survey_one_time_codes',
  {
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    codeDigest: text().notNull(),
    usedOn: date({ mode: 'string' }),
  },
  (table) => [primaryKey({ columns: [table.surveyId, table.codeDigest] })],
);

/** People who asked to be contacted, apart from the answers (no link to them); erased with the survey. */
export const surveyContacts = pgTable(
  'survey_contacts',
  {
    id: uuid().primaryKey().defaultRandom(),
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    email: text().notNull().default(''),
    phone: text().notNull().default(''),
    receivedOn: date({ mode: 'string' }).notNull(),
  },
  (table) => [index('survey_contacts_survey_idx').on(table.surveyId)],
);

/**
 * Running counts of a survey's answers by version, path and commune (`''` for none), so that results add up
 * a few hundred rows instead of reading every answer. `question` is `''` for the survey's own counts
 * (answers, channel, complete); otherwise `code` is an answer's code, `?seen` (shown the question), `?n`
 * (answered it) or `^code` (ranked first). Each answer adds its keys in the transaction that stores it
 * (tallies.ts).
 */
export const surveyTallies = pgTable(
  'survey_tallies',
  {
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    path: text().notNull(),
    communeCode: text().notNull(),
    question: text().notNull(),
    code: text().notNull(),
    count: integer().notNull(),
  },
  (table) => [primaryKey({ columns: [table.surveyId, table.version, table.path, table.communeCode, table.question, table.code] })],
);
