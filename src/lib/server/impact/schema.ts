import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from '../accounts/schema.ts';
import { places } from '../places/schema.ts';
import { communes } from '../territory/schema.ts';
import { alternativeKinds, funderStatuses, subsidyNatures } from './vocabulary.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * What a member says they would do on a day they come to a place (personal data: in their export, erased with
 * the account). `commute`: to their usual workplace (commune) by `mode`; `home`: work from home, and come to the
 * place by `mode`; `other`: neither (not counted).
 */
export const impactAlternatives = pgTable(
  'impact_alternatives',
  {
    userId: text()
      .primaryKey()
      .references(() => user.id, { onDelete: 'cascade' }),
    kind: text({ enum: alternativeKinds }).notNull(),
    workplaceCommuneCode: text().references(() => communes.code),
    /** One of the simulator's commute modes (checked by the contract: the schema reads no other domain's code). */
    mode: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('impact_alternatives_kind_check', sql`${table.kind} in (${inList(alternativeKinds)})`),
    check(
      'impact_alternatives_shape_check',
      sql`(${table.kind} = 'commute') = (${table.workplaceCommuneCode} is not null) and (${table.kind} = 'other') = (${table.mode} is null)`,
    ),
  ],
);

/** A place's yearly costs (euro cents), as its team last stated them. */
export const impactPlaceCosts = pgTable(
  'impact_place_costs',
  {
    placeId: uuid()
      .primaryKey()
      .references(() => places.id, { onDelete: 'cascade' }),
    rentCents: integer().notNull().default(0),
    animatorCents: integer().notNull().default(0),
    energyCents: integer().notNull().default(0),
    otherCents: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check(
      'impact_place_costs_check',
      sql`${table.rentCents} >= 0 and ${table.animatorCents} >= 0 and ${table.energyCents} >= 0 and ${table.otherCents} >= 0`,
    ),
  ],
);

/** A subsidy a place received, with what SCDL "Subventions" publishes. */
export const impactSubsidies = pgTable(
  'impact_subsidies',
  {
    id: uuid().primaryKey().defaultRandom(),
    placeId: uuid()
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    funderName: text().notNull(),
    /** SIRET (14 digits) or SIREN (9) of the funder, when known. */
    funderId: text(),
    amountCents: integer().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    purpose: text().notNull(),
    decisionReference: text(),
    conventionDate: date({ mode: 'string' }),
    nature: text({ enum: subsidyNatures }).notNull().default('aide en numéraire'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('impact_subsidies_place_idx').on(table.placeId, table.startsOn),
    check('impact_subsidies_amount_check', sql`${table.amountCents} > 0`),
    check('impact_subsidies_range_check', sql`${table.endsOn} >= ${table.startsOn}`),
    check('impact_subsidies_funder_check', sql`length(trim(${table.funderName})) > 0`),
    check('impact_subsidies_nature_check', sql`${table.nature} in (${inList(subsidyNatures)})`),
  ],
);

/** A territory organization funding a place: asked by the place's team, accepted by the organization. */
export const impactPlaceFunders = pgTable(
  'impact_place_funders',
  {
    placeId: uuid()
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    organizationId: text()
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    status: text({ enum: funderStatuses }).notNull().default('pending'),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.placeId, table.organizationId] }),
    index('impact_place_funders_organization_idx').on(table.organizationId),
    check('impact_place_funders_status_check', sql`${table.status} in (${inList(funderStatuses)})`),
  ],
);
