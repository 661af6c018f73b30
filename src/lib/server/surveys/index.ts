// Needs surveys of a territory: definitions in versions, an anonymous public form, protected results, exports.
// Its rules join the one `can` as soon as the domain is loaded.
import './access.ts';
export {
  browserRespondent,
  closeSurvey,
  communeNames,
  createOneTimeCodes,
  createSurvey,
  deleteSurvey,
  enterPaperResponse,
  mySurveys,
  oneTimeCodeCounts,
  openSurveys,
  publicSurvey,
  publishSurvey,
  responseRows,
  stateOf,
  submitResponse,
  surveyContactList,
  surveyDefinition,
  teamSurvey,
  territoryCommunes,
  todayOf,
  updateDefinition,
  versionCounts,
  SUBMISSIONS_PER_HOUR,
  type ResponseRow,
  type SubmitOptions,
  type SubmitResult,
  type SurveyContext,
  type SurveyListItem,
  type SurveyRecord,
  type SurveyState,
} from './service.ts';
export { answersOfForm, checkAnswers, visibleSections } from './answers.ts';
export { parseDefinition, textIn, allQuestions, type Question, type Section, type SurveyDefinition, type StoredAnswers } from './definition.ts';
export { computeResults, crossTabulate, crossTabbable, optionsOf, ageLabel, representation, type CrossTab, type PairCounts, type QuestionResult, type SurveyResults } from './results.ts';
export { definitionsOf, readTally, recountTallies, tallyKeys, tallyOfRows, type Tally } from './tallies.ts';
export { protectTable, protectLine, protectCounts, shownText, SMALL_GROUP, type Shown } from './suppression.ts';
export { responsesCsv, responsesJson, responsesXlsx } from './exports.ts';
export { newRespondentCookie, respondentCookieName, respondentToken } from './respondent.ts';
export { surveysPrivacy } from './privacy.ts';
export { CCVLV_2016, TEMPLATE_CODE } from './template.ts';
export { seedDemoSurvey, syntheticResponses } from './demo.ts';
export { AGE_BANDS, MAX_RANKED, OTHER } from './vocabulary.ts';
export { callerResults, crossTabulation, exportResponses, publicResults, teamResults, type ExportFormat, type TeamResults } from './reports.ts';
export { PublicationInput, ResultsQuery, SubmissionInput } from './contracts.ts';
export { advanceForm, allSectionViews, communeChoices, draftOf, emptyAnswers, questionView, sectionViews, type FormLike, type QuestionView, type SectionView, type StepOutcome } from './form.ts';
