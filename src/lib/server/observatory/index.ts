// The observatory domain: where the seats are, who is out of reach, and where the next places would avoid
// the most commuting (the siting solver). Its rules join the one `can` as soon as the domain is loaded.
import './access.ts';
export { observatoryOf, observatoryCsv, observatoryContours, reachByEpci, COMMUNES_CSV_COLUMNS, type Observatory, type FigureSource, type ContourFeature } from './service.ts';
export { observatoryTerritory, MAX_SET_COMMUNES, type ObservatoryKind } from './territory.ts';
export { communeCodesOfText, deleteCommuneSet, listCommuneSets, saveCommuneSet, type CommuneSetSummary } from './sets.ts';
export { BOURG, SMALL_TOWN, reachClass, settlementKind, type CommuneRow, type ObservatoryFigures, type OutOfReach } from './figures.ts';
export { OUT_OF_REACH_KM, REACH_RADII_KM } from './reach.ts';
export { solveOrlib, type OrlibAnswer } from './orlib.ts';
export { computeSiting, runSiting, sitingCandidates, sitingRequestOfForm, DEFAULT_RADIUS_KM, DEFAULT_LOCAL_SHARE, DEFAULT_DAYS_PER_WEEK, MAX_RADIUS_KM, saveScenario, listScenarios, getScenario, sitesCsv, sitesGeoJson, SITES_CSV_COLUMNS, sitingOrganization, type SitingRequest, type SitingResult, type SiteFigures, type ScenarioSummary } from './siting.ts';
export { importFlows, flowsInUse, FRAGILE_FLOW, type FlowImportReport, type FlowsInUse } from './flows.ts';
export { observatoryPrivacy } from './privacy.ts';
export { seedDemoObservatory } from './demo.ts';
