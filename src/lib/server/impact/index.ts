// Impact and funding: what a place brings to its territory, from real activity; its finances and break-even;
// the report a funder can file (page, PDF, XLSX). Its rules join the one `can` as soon as the domain is loaded.
import './access.ts';
export {
  acceptFunding,
  addSubsidy,
  deleteSubsidy,
  myAlternative,
  myFundedPlaces,
  periodOf,
  placeFinances,
  placeFunders,
  placeReport,
  placeSubsidies,
  requestFunder,
  setAlternative,
  setCosts,
  territoryKinds,
  territoryReport,
  type Finances,
  type FunderView,
  type FundingRequest,
  type ImpactContext,
  type Report,
  type ReportPlace,
  type StatedAlternativeView,
  type Subsidy,
} from './service.ts';
export { breakEven, checkPeriod, lastTwelveMonths, memberTrip, monthsOf, revenueKinds, revenueTotal, shownFigures, totalsOf, MAX_PERIOD_YEARS, type BreakEven, type ShownFigures } from './model.ts';
export { impactPrivacy } from './privacy.ts';
export { alternativeKinds, subsidyNatures, type AlternativeKind } from './vocabulary.ts';
export { reportFile, reportJson, subsidiesResponse } from './files.ts';
export { pdfText, reportPdf, reportXlsx, subsidiesCsv, SCDL_SUBSIDY_FIELDS } from './exports.ts';
export { figureRows, financeView, monthLabel, reportView, type ChartBar, type FigureRow, type ReportView, type Table } from './view.ts';
export { insertSyntheticBookings, type SyntheticBookings } from './synthetic.ts';
export { seedDemoImpact, DEMO_IMPACT_MEMBERS, type DemoImpactReport } from './demo.ts';
