import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Home → workplace flows of employed people aged 15 and over (INSEE "mobilités professionnelles"), one row a
 * pair, replaced as a whole by each import. `work_code` is an INSEE code, or a foreign area (BE540) when `abroad`.
 */
export const commutingFlows = pgTable(
  'commuting_flows',
  {
    homeCode: text().notNull(),
    workCode: text().notNull(),
    /** INSEE publishes weighted counts: fractional. */
    workers: doublePrecision().notNull(),
    abroad: boolean().notNull().default(false),
    /** Under 200 workers: INSEE advises against using such a flow on its own. */
    fragile: boolean().notNull(),
  },
  (table) => [primaryKey({ columns: [table.homeCode, table.workCode] }), check('commuting_flows_workers_nonnegative', sql`${table.workers} >= 0`)],
);

/** The flows file in use: its vintage (from the column name), where it came from, whether it is synthetic. */
export const commutingFlowImports = pgTable('commuting_flow_imports', {
  id: uuid().primaryKey().defaultRandom(),
  vintage: integer().notNull(),
  fileName: text().notNull(),
  rows: integer().notNull(),
  /** Digest of the file, so that importing the same file again changes nothing. */
  digest: text().notNull(),
  synthetic: boolean().notNull().default(false),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A siting run kept by a territory organization, to read again and compare. */
export const sitingScenarios = pgTable(
  'siting_scenarios',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: text().notNull(),
    name: text().notNull(),
    request: jsonb().notNull(),
    result: jsonb().notNull(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('siting_scenarios_organization_idx').on(table.organizationId, table.createdAt)],
);

/**
 * A set of communes saved by a territory organization (a bassin de vie, a project's area…), public as a
 * territory of the observatory (`/territoires/ensembles/{id}/observatoire`) and usable for siting.
 */
export const communeSets = pgTable(
  'commune_sets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    organizationId: text().notNull(),
    communeCodes: text().array().notNull(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('commune_sets_organization_idx').on(table.organizationId)],
);
