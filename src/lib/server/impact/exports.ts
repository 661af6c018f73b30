/*
 * A report's files: the subsidies in SCDL "Subventions" (CSV), the report as a PDF (pdfkit, no browser) and
 * as an XLSX whose "calcul" sheet recomputes the headline figures from its rows with formulas.
 */
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { csvCell } from '../csv-cell.ts';
import { translate, type Locale } from '../../i18n.ts';
import type { Report, Subsidy } from './service.ts';
import { monthLabel, reportView, type ChartBar, type FigureRow, type ReportView, type Table } from './view.ts';

// ---------------------------------------------------------------------------------------------------------------
// SCDL "Subventions"
// ---------------------------------------------------------------------------------------------------------------

/**
 * The fields of the SCDL "Subventions" schema (schema.data.gouv.fr/scdl/subventions, Etalab, Licence Ouverte),
 * in its order, with the type each column holds here.
 */
export const SCDL_SUBSIDY_FIELDS = [
  ['nomAttribuant', 'string'],
  ['idAttribuant', 'siret'],
  ['dateConvention', 'date'],
  ['referenceDecision', 'string'],
  ['nomBeneficiaire', 'string'],
  ['idBeneficiaire', 'siret'],
  ['objet', 'string'],
  ['montant', 'number'],
  ['nature', 'nature'],
  ['conditionsVersement', 'conditions'],
  ['datesPeriodeVersement', 'period'],
  ['notificationUE', 'yesNo'],
  ['pourcentageSubvention', 'ratio'],
  ['dispositifAide', 'string'],
] as const;

/**
 * One line per subsidy, `;`-separated, UTF-8. Identifiers we do not hold (the beneficiary's SIRET, a funder's
 * when not given) stay empty; paid in one go over the subsidy's period; `pourcentageSubvention` is 1 (the
 * share of the project's budget is not known here).
 */
export function subsidiesCsv(place: { name: string }, subsidies: Subsidy[]): string {
  const lines = [SCDL_SUBSIDY_FIELDS.map(([name]) => name).join(';')];
  for (const s of subsidies) {
    const values: Record<(typeof SCDL_SUBSIDY_FIELDS)[number][0], string | number | null> = {
      nomAttribuant: s.funderName,
      idAttribuant: s.funderId?.length === 14 ? s.funderId : null,
      dateConvention: s.conventionDate ?? s.startsOn,
      referenceDecision: s.decisionReference,
      nomBeneficiaire: place.name,
      idBeneficiaire: null,
      objet: s.purpose,
      montant: (s.amountCents / 100).toFixed(2),
      nature: s.nature,
      conditionsVersement: 'Unique',
      datesPeriodeVersement: `${s.startsOn}/${s.endsOn}`,
      notificationUE: 'Non',
      pourcentageSubvention: 1,
      dispositifAide: null,
    };
    lines.push(SCDL_SUBSIDY_FIELDS.map(([name]) => csvCell(values[name], ';')).join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------------------------

/** Characters of Windows-1252 beyond Latin-1: what pdfkit's standard fonts can draw besides it. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '\u202f': ' ', '\u00a0': ' ', '₂': '2', '−': '-', '≥': '>=', '≤': '<=', '≈': '~', 'Σ': 'somme ' };

/** Text the standard PDF fonts (WinAnsi) draw: French accents, €, ’ and – stay; the rest is spelled plainly. */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) || ch === '\n') out += ch;
    else out += '?';
  }
  return out;
}

const COLORS = { ink: '#1f2a24', accent: '#2f6b4f', soft: '#dfeee6', muted: '#5c6b63' };
const MARGIN = 50;

export async function reportPdf(report: Report, locale: Locale): Promise<Buffer> {
  const view = reportView(report, locale);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: pdfText(view.title), Author: 'Maillage' }, bufferPages: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfText(value), options);
  const heading = (value: string) => {
    doc.font('Helvetica-Bold').fontSize(16).fillColor(COLORS.accent);
    text(value);
    doc.moveDown(0.5).font('Helvetica').fontSize(10).fillColor(COLORS.ink);
  };
  const figures = (rows: FigureRow[]) => {
    for (const row of rows) {
      const y = doc.y;
      doc.font('Helvetica').fontSize(10).fillColor(COLORS.ink);
      text(row.label, { width: width * 0.6 });
      const after = doc.y;
      doc.font('Helvetica-Bold');
      doc.text(pdfText(row.value), MARGIN + width * 0.6, y, { width: width * 0.4, align: 'right' });
      doc.x = MARGIN;
      doc.y = Math.max(after, doc.y) + 2;
    }
  };
  const table = (t: Table) => {
    const columns = t.header.length;
    const first = width * (columns > 5 ? 0.22 : 0.34);
    const rest = (width - first) / (columns - 1);
    const line = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - MARGIN - 30) doc.addPage();
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).fillColor(COLORS.ink);
      let bottom = y;
      cells.forEach((cell, i) => {
        doc.text(pdfText(cell), i === 0 ? MARGIN : MARGIN + first + (i - 1) * rest, y, { width: i === 0 ? first - 4 : rest - 4, align: i === 0 ? 'left' : 'right' });
        bottom = Math.max(bottom, doc.y);
      });
      doc.x = MARGIN;
      doc.y = bottom + 3;
    };
    line(t.header, true);
    for (const row of t.rows) line(row, false);
  };
  const chart = (bars: ChartBar[], height: number, max: number | null, caption: string) => {
    const top = doc.y;
    const values = bars.map((b) => b.value ?? 0);
    const ceiling = max ?? Math.max(1, ...values);
    const slot = width / Math.max(1, bars.length);
    doc.font('Helvetica').fontSize(7).fillColor(COLORS.muted);
    bars.forEach((bar, i) => {
      const h = ((bar.value ?? 0) / ceiling) * height;
      doc.rect(MARGIN + i * slot + 3, top + height - h, slot - 6, h).fill(COLORS.accent);
      doc.fillColor(COLORS.muted).text(pdfText(bar.label), MARGIN + i * slot, top + height + 3, { width: slot, align: 'center' });
    });
    doc.moveTo(MARGIN, top + height).lineTo(MARGIN + width, top + height).strokeColor(COLORS.muted).stroke();
    doc.x = MARGIN;
    doc.y = top + height + 26;
    doc.fontSize(8).fillColor(COLORS.muted);
    text(caption);
    doc.fillColor(COLORS.ink).fontSize(10).moveDown();
  };

  // Cover.
  doc.font('Helvetica-Bold').fontSize(26).fillColor(COLORS.accent);
  doc.moveDown(6);
  text(view.title);
  doc.moveDown().font('Helvetica').fontSize(14).fillColor(COLORS.ink);
  text(view.period);
  doc.moveDown(2).fontSize(10).fillColor(COLORS.muted);
  text(translate('impact_pdf_cover_note', {}, locale));
  // Headline figures.
  doc.addPage();
  heading(translate('impact_headline', {}, locale));
  figures(view.headline);
  doc.moveDown();
  heading(translate('impact_commuting', {}, locale));
  figures(view.commuting.rows);
  doc.moveDown(0.5).fontSize(8).fillColor(COLORS.muted);
  text(view.commuting.note);
  // Activity.
  doc.addPage();
  heading(translate('impact_activity', {}, locale));
  chart(view.deskDaysChart, 150, null, translate('impact_chart_desk_days', {}, locale));
  table(view.activity);
  // Occupancy.
  doc.addPage();
  heading(translate('impact_occupancy', {}, locale));
  chart(view.occupancyChart, 150, 1, translate('impact_chart_occupancy', {}, locale));
  if (view.places) {
    heading(translate('impact_places', {}, locale));
    table(view.places);
  }
  // Finances.
  if (view.finances) {
    doc.addPage();
    heading(translate('impact_finances', {}, locale));
    figures(view.finances.costs);
    doc.moveDown();
    figures(view.finances.breakEven);
    doc.moveDown();
    if (view.finances.subsidies.rows.length) table(view.finances.subsidies);
  }
  // Method.
  doc.addPage();
  heading(translate('impact_method', {}, locale));
  for (const line of view.method) {
    doc.font('Helvetica-Bold').fontSize(10);
    text(line.label);
    doc.font('Helvetica').fontSize(9);
    text(`${line.formula} (${line.rows})`);
    doc.moveDown(0.5);
  }
  doc.moveDown();
  text(view.smallNote);
  doc.moveDown();
  text(translate('impact_method_sources', {}, locale));
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------------------------

/**
 * Sheets: "lignes" (one row per month: the figures each headline sums), "calcul" (each headline figure as a
 * formula over "lignes", with the value the report gives beside it), "méthode". Counts of 1 to 4 people are
 * written "< 5" as text: a formula over them leaves them out, and says so.
 */
export async function reportXlsx(report: Report, locale: Locale): Promise<Buffer> {
  const view: ReportView = reportView(report, locale);
  const t = (key: string) => translate(key, {}, locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Maillage';
  const small = t('impact_small_group');
  const cell = (value: number | null, isSmall: boolean) => (value === null ? (isSmall ? small : '') : value);

  const lines = workbook.addWorksheet(t('impact_xlsx_rows'));
  const columns = [
    ['month', t('impact_month')],
    ['deskHalfDays', t('impact_half_days')],
    ['openHalfDays', t('impact_open_half_days')],
    ['roomHours', t('impact_room_hours')],
    ['revenue', t('impact_revenue')],
    ['km', t('impact_km')],
    ['co2eKg', t('impact_co2')],
    ['hours', t('impact_hours')],
    ['money', t('impact_money')],
    ['days', t('impact_days_counted')],
  ] as const;
  lines.addRow(columns.map(([, label]) => label));
  for (const line of report.months) {
    lines.addRow([
      monthLabel(line.month, locale),
      cell(line.deskHalfDays, line.small),
      line.openHalfDays,
      cell(line.roomHours, line.small),
      report.full ? cell(line.revenueTotalCents === null ? null : line.revenueTotalCents / 100, line.small) : '',
      cell(line.commuting.km, line.commuting.small),
      cell(line.commuting.co2eKg, line.commuting.small),
      cell(line.commuting.hours, line.commuting.small),
      cell(line.commuting.moneyCents === null ? null : line.commuting.moneyCents / 100, line.commuting.small),
      cell(line.commuting.days, line.commuting.small),
    ]);
  }
  lines.getRow(1).font = { bold: true };
  lines.columns.forEach((column) => (column.width = 18));
  const last = report.months.length + 1;
  const ref = (key: (typeof columns)[number][0]) => {
    const letter = String.fromCharCode(65 + columns.findIndex(([k]) => k === key));
    return `'${lines.name}'!${letter}2:${letter}${last}`;
  };

  const calc = workbook.addWorksheet('calcul');
  calc.addRow([t('impact_xlsx_figure'), t('impact_xlsx_formula_value'), t('impact_xlsx_report_value'), t('impact_xlsx_note')]);
  calc.getRow(1).font = { bold: true };
  const h = report.headline;
  const anySmall = (pick: (m: (typeof report.months)[number]) => boolean) => report.months.some(pick);
  const formulaRow = (label: string, formula: string, result: number | null, note = '') => {
    calc.addRow([label, { formula, result: result ?? undefined }, result ?? small, note]);
  };
  const monthNote = (hidden: boolean) => (hidden ? t('impact_xlsx_small_months') : '');
  if (h.deskHalfDays !== null) {
    formulaRow(t('impact_desk_days'), `SUM(${ref('deskHalfDays')})/2`, h.deskDays, monthNote(anySmall((line) => line.small)));
    formulaRow(t('impact_occupancy'), `SUM(${ref('deskHalfDays')})/SUM(${ref('openHalfDays')})`, h.occupancy, monthNote(anySmall((line) => line.small)));
    formulaRow(t('impact_room_hours'), `SUM(${ref('roomHours')})`, h.roomHours, monthNote(anySmall((line) => line.small)));
    if (report.full && h.revenueTotalCents !== null) formulaRow(t('impact_revenue'), `SUM(${ref('revenue')})`, h.revenueTotalCents / 100, monthNote(anySmall((line) => line.small)));
  }
  if (!h.commuting.small) {
    const note = monthNote(anySmall((line) => line.commuting.small && line.commuting.days !== 0));
    formulaRow(t('impact_km'), `SUM(${ref('km')})`, h.commuting.km, note);
    formulaRow(t('impact_co2'), `SUM(${ref('co2eKg')})`, h.commuting.co2eKg, note);
    formulaRow(t('impact_hours'), `SUM(${ref('hours')})`, h.commuting.hours, note);
    formulaRow(t('impact_money'), `SUM(${ref('money')})`, h.commuting.moneyCents === null ? null : h.commuting.moneyCents / 100, note);
  }
  calc.addRow([t('impact_members'), '', view.headline.find((r) => r.key === 'members')!.value, t('impact_xlsx_members_note')]);
  calc.columns.forEach((column, i) => (column.width = i === 3 ? 60 : 24));

  const method = workbook.addWorksheet(t('impact_method'));
  method.addRow([view.title]);
  method.addRow([view.period]);
  for (const line of view.method) method.addRow([line.label, line.formula, line.rows]);
  method.addRow([view.smallNote]);
  method.addRow([t('impact_method_sources')]);
  method.columns.forEach((column, i) => (column.width = i === 1 ? 90 : 28));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
