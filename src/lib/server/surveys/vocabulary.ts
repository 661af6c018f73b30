// The closed lists the surveys' CHECK constraints and contracts name. No imports.

export const surveyStatuses = ['draft', 'published', 'closed'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

/** How an answer came in: typed by the respondent, or typed in by staff from a paper questionnaire. */
export const responseChannels = ['online', 'paper'] as const;
export type ResponseChannel = (typeof responseChannels)[number];

export const questionTypes = ['single', 'multiple', 'ranking', 'scale', 'number', 'yesno', 'age', 'text', 'commune'] as const;
export type QuestionType = (typeof questionTypes)[number];

/** Age bands of the age question (INSEE's usual cuts for the working population). */
export const AGE_BANDS = ['under-25', '25-34', '35-44', '45-59', '60-plus'] as const;

/** The code of the "other, specify" choice of a choice question. */
export const OTHER = 'other';
/** Longest free text, and the "other, specify" text. */
export const MAX_TEXT_LENGTH = 2000;
export const MAX_OTHER_LENGTH = 200;
/** A ranking keeps at most this many choices. */
export const MAX_RANKED = 3;
