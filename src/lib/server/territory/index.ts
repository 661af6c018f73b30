// The territory domain: communes, EPCI, départements, régions and their coordinates.
export * from './service.ts';
export { importCentroids, parseCentroidFile, type CentroidImportReport } from './centroids.ts';
export { loadTerritory, territoryVintage, type TerritoryVintage } from './load.ts';
export type { Commune } from './queries.ts';
export { coordinatesSources, type CoordinatesSource } from './schema.ts';
export { inseeCode, postalCode, sirenCode } from './contracts.ts';
export { foldWords } from './search-name.ts';
export { allCommunePoints, communeCentres, communePointsOf, knownCommuneCodes, territoryCommunes, type CommunePoint, type TerritoryCommunes, type TerritoryKind } from './points.ts';
export { contourCoverage, contoursOf, importContours, parseContours, type ContourCoverage, type ContourGeometry, type ContourImportReport } from './contours.ts';
