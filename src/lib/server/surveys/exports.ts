import ExcelJS from 'exceljs';
import { csvCell } from '../csv-cell.ts';
import { allQuestions, textIn, type AnswerValue, type Question, type SurveyDefinition } from './definition.ts';
import { ageLabel, optionsOf, type SurveyResults } from './results.ts';
import type { ResponseRow } from './service.ts';
import { shownText } from './suppression.ts';
import { OTHER } from './vocabulary.ts';

/*
 * Exports for the survey's team: the raw answers, one row per answer, with the filters of the results page.
 * A multiple choice gives one 0/1 column per option and the "other" text; a ranking one column per rank; a
 * commune its INSEE code, its name and the postal code typed.
 */

interface Column {
  name: string;
  label: string;
  value: (row: ResponseRow) => string | number | null;
}

const base: Column[] = [
  { name: 'id', label: 'id', value: (r) => r.id },
  { name: 'version', label: 'version', value: (r) => r.version },
  { name: 'date', label: 'date', value: (r) => r.submittedOn },
  { name: 'canal', label: 'canal (online: en ligne, paper: saisie papier)', value: (r) => r.channel },
  { name: 'synthetique', label: 'réponse synthétique (démonstration)', value: (r) => (r.synthetic ? 1 : 0) },
];

function columnsOf(question: Question, locale: string, communeNames: Map<string, { name: string }>): Column[] {
  const label = textIn(question.label, locale);
  const answer = (r: ResponseRow): AnswerValue | undefined => r.answers.answers[question.code];
  const other: Column = { name: `${question.code}_autre`, label: `${label} — autre, précisez`, value: (r) => r.answers.others[question.code] ?? null };
  switch (question.type) {
    case 'multiple':
      return [
        ...optionsOf(question, locale).map((o) => ({
          name: `${question.code}__${o.code}`,
          label: `${label} — ${o.label}`,
          value: (r: ResponseRow) => {
            const v = answer(r);
            return Array.isArray(v) ? (v.includes(o.code) ? 1 : 0) : null;
          },
        })),
        ...(question.other ? [other] : []),
      ];
    case 'ranking':
      return [1, 2, 3].slice(0, question.max).map((rank) => ({
        name: `${question.code}_${rank}`,
        label: `${label} — rang ${rank}`,
        value: (r: ResponseRow) => {
          const v = answer(r);
          return Array.isArray(v) ? (v[rank - 1] ?? null) : null;
        },
      }));
    case 'commune':
      return [
        { name: `${question.code}_insee`, label: `${label} — code INSEE`, value: (r) => communeOfAnswer(answer(r))?.commune ?? null },
        { name: `${question.code}_nom`, label: `${label} — nom`, value: (r) => communeNames.get(communeOfAnswer(answer(r))?.commune ?? '')?.name ?? null },
        { name: `${question.code}_cp`, label: `${label} — code postal`, value: (r) => communeOfAnswer(answer(r))?.postalCode ?? null },
      ];
    case 'yesno':
      return [{ name: question.code, label, value: (r) => (answer(r) === undefined ? null : answer(r) ? 1 : 0) }];
    default:
      return [
        { name: question.code, label, value: (r) => (answer(r) === undefined ? null : (answer(r) as string | number)) },
        ...(question.type === 'single' && question.other ? [other] : []),
      ];
  }
}

const communeOfAnswer = (v: AnswerValue | undefined) => (v && typeof v === 'object' && !Array.isArray(v) ? v : null);

export function exportColumns(definition: SurveyDefinition, locale: string, communeNames: Map<string, { name: string }>): Column[] {
  return [...base, ...allQuestions(definition).flatMap((q) => columnsOf(q, locale, communeNames))];
}

/** CSV: `;` separated (French spreadsheets), UTF-8 with a byte-order mark, cells neutralised against formulas. */
export function responsesCsv(definition: SurveyDefinition, rows: ResponseRow[], locale: string, communeNames: Map<string, { name: string }>): string {
  const columns = exportColumns(definition, locale, communeNames);
  const lines = [columns.map((c) => csvCell(c.name, ';')).join(';'), ...rows.map((row) => columns.map((c) => csvCell(c.value(row), ';')).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** XLSX: the answers, a codebook (codes, labels in both languages, choices) and the results as shown. */
export async function responsesXlsx(definition: SurveyDefinition, rows: ResponseRow[], results: SurveyResults, locale: string, communeNames: Map<string, { name: string }>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Maillage';
  const columns = exportColumns(definition, locale, communeNames);
  const answers = workbook.addWorksheet(locale === 'en' ? 'Answers' : 'Réponses');
  answers.addRow(columns.map((c) => c.name)).font = { bold: true };
  // exceljs writes text as text: no formula can run from a cell value.
  for (const row of rows) answers.addRow(columns.map((c) => c.value(row)));
  answers.views = [{ state: 'frozen', ySplit: 1 }];

  const codebook = workbook.addWorksheet('Codebook');
  codebook.addRow(['code', 'question (fr)', 'question (en)', 'type', 'column', 'column label', 'choices']).font = { bold: true };
  for (const question of allQuestions(definition)) {
    const choices =
      question.type === 'age'
        ? optionsOf(question, locale).map((o) => `${o.code} = ${ageLabel(o.code, locale)}`)
        : optionsOf(question, 'fr').map((o) => `${o.code} = ${o.label}${o.code === OTHER ? '' : ` / ${optionsOf(question, 'en').find((e) => e.code === o.code)?.label ?? ''}`}`);
    for (const column of columnsOf(question, locale, communeNames))
      codebook.addRow([question.code, question.label.fr, question.label.en, question.type, column.name, column.label, choices.join(' | ')]);
  }

  const sheet = workbook.addWorksheet(locale === 'en' ? 'Results' : 'Résultats');
  sheet.addRow(['question', locale === 'en' ? 'answer' : 'réponse', 'n', locale === 'en' ? 'count' : 'effectif', '%']).font = { bold: true };
  for (const q of results.questions)
    for (const item of q.items) sheet.addRow([q.label, item.label, shownText(q.n), item.count.kind === 'count' ? item.count.value : shownText(item.count), item.percent]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** JSON: the definition and the answers, as stored. */
export function responsesJson(surveyId: string, definition: SurveyDefinition, rows: ResponseRow[]) {
  return { surveyId, definition, responses: rows.map((r) => ({ id: r.id, version: r.version, date: r.submittedOn, channel: r.channel, synthetic: r.synthetic, ...r.answers })) };
}
