import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const coordinatesSources = ['official', 'geonames', 'estimated', 'imported'] as const;
export type CoordinatesSource = (typeof coordinatesSources)[number];

export const communeKinds = ['commune', 'arrondissement'] as const;
export type CommuneKind = (typeof communeKinds)[number];

export const regions = pgTable('regions', {
  code: text().primaryKey(),
  name: text().notNull(),
});

export const departements = pgTable('departements', {
  code: text().primaryKey(),
  name: text().notNull(),
  regionCode: text().notNull().references(() => regions.code),
});

/** Établissements publics de coopération intercommunale à fiscalité propre, keyed by SIREN. */
export const epcis = pgTable(
  'epcis',
  {
    siren: text().primaryKey(),
    name: text().notNull(),
    /** CC, CA, CU, METRO or MET69, as in the DGCL list. */
    kind: text().notNull(),
    population: integer().notNull(),
    searchName: text().notNull(),
  },
  (table) => [index('epcis_search_name_idx').on(sql`${table.searchName} text_pattern_ops`)],
);

export const communes = pgTable(
  'communes',
  {
    /** INSEE code: 5 characters, 2A/2B for Corsica. */
    code: text().primaryKey(),
    name: text().notNull(),
    kind: text({ enum: communeKinds }).notNull(),
    /** For an arrondissement of Paris, Lyon or Marseille: the commune it belongs to. */
    parentCode: text(),
    departementCode: text()
      .notNull()
      .references(() => departements.code),
    regionCode: text()
      .notNull()
      .references(() => regions.code),
    epciSiren: text().references(() => epcis.siren),
    population: integer().notNull(),
    /** Also in commune_postal_codes (for lookups by code); kept here so that a result needs no join. */
    postalCodes: text().array().notNull(),
    lat: doublePrecision().notNull(),
    lon: doublePrecision().notNull(),
    coordinatesSource: text({ enum: coordinatesSources }).notNull(),
    /** Name folded for search: no accents or case, `saint`/`sainte` spelt out, separators as one space. */
    searchName: text().notNull(),
  },
  (table) => [
    // Rebuilt by a custom migration as a covering index (INCLUDE population, code), which Drizzle cannot
    // express: ranking the thousands of names a short prefix matches then reads the index alone.
    index('communes_search_name_idx').on(sql`${table.searchName} text_pattern_ops`),
    index('communes_epci_idx').on(table.epciSiren),
    index('communes_departement_idx').on(table.departementCode),
    index('communes_region_idx').on(table.regionCode),
    index('communes_position_idx').using('gist', sql`ll_to_earth(${table.lat}, ${table.lon})`),
  ],
);

export const communePostalCodes = pgTable(
  'commune_postal_codes',
  {
    postalCode: text().notNull(),
    communeCode: text()
      .notNull()
      .references(() => communes.code),
  },
  (table) => [
    primaryKey({ columns: [table.postalCode, table.communeCode] }),
    index('commune_postal_codes_commune_idx').on(table.communeCode),
  ],
);

/** Which edition of each reference data set is loaded: shown by the health check and on every figure's source. */
export const referenceData = pgTable('reference_data', {
  dataset: text().primaryKey(),
  source: text().notNull(),
  version: text().notNull(),
  vintage: text().notNull(),
  loadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A commune's contour for the observatory's choropleth (GeoJSON Polygon or MultiPolygon, simplified), from
 * `maillage territory import-contours`. `synthetic`: the demo's cells around commune centres, not boundaries.
 */
export const communeContours = pgTable('commune_contours', {
  code: text()
    .primaryKey()
    .references(() => communes.code),
  geometry: jsonb().notNull(),
  /** The file it came from. */
  source: text().notNull(),
  synthetic: boolean().notNull().default(false),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
