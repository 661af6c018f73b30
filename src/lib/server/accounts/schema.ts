import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/*
 * The tables better-auth reads and writes (core: user, session, account, verification; organization
 * plugin: organization, member, invitation), in its field names, plus Maillage's own columns and tables.
 * Ids are better-auth's random strings.
 */

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

export const user = pgTable(
  'user',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    email: text().notNull().unique(),
    emailVerified: boolean().notNull().default(false),
    image: text(),
    ...timestamps,
    /** `admin` for the instance's administrators; null for everyone else. */
    platformRole: text({ enum: ['admin'] }),
    /** INSEE code of the home commune: the simulator and the impact figures start from it. */
    homeCommuneCode: text(),
    phone: text(),
    preferredLanguage: text({ enum: languages }).notNull().default('fr'),
    /** Set when the account was deleted: the row stays, anonymised, for the records the law requires. */
    deletedAt: timestamp({ withTimezone: true }),
    /** Set while a platform administrator has disabled sign-in for this account: no new session is opened. */
    signInDisabledAt: timestamp({ withTimezone: true }),
  },
  (table) => [check('user_platform_role_check', sql`${table.platformRole} is null or ${table.platformRole} = 'admin'`)],
);

export const session = pgTable(
  'session',
  {
    id: text().primaryKey(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    token: text().notNull().unique(),
    ...timestamps,
    ipAddress: text(),
    userAgent: text(),
    userId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    activeOrganizationId: text(),
  },
  (table) => [index('session_user_idx').on(table.userId)],
);

export const account = pgTable(
  'account',
  {
    id: text().primaryKey(),
    accountId: text().notNull(),
    providerId: text().notNull(),
    userId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text(),
    refreshToken: text(),
    idToken: text(),
    accessTokenExpiresAt: timestamp({ withTimezone: true }),
    refreshTokenExpiresAt: timestamp({ withTimezone: true }),
    scope: text(),
    password: text(),
    ...timestamps,
  },
  (table) => [index('account_user_idx').on(table.userId)],
);

export const verification = pgTable(
  'verification',
  {
    id: text().primaryKey(),
    identifier: text().notNull(),
    value: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ...timestamps,
  },
  (table) => [index('verification_identifier_idx').on(table.identifier)],
);

/** What an organization is to Maillage; `territory` ones act on the communes of their scope. */
export const organizationKinds = ['operator', 'territory', 'employer', 'network'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];
export const scopeLevels = ['commune', 'epci', 'departement', 'region'] as const;
export type ScopeLevel = (typeof scopeLevels)[number];
export const memberRoles = ['owner', 'admin', 'staff'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const organization = pgTable(
  'organization',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    slug: text().notNull().unique(),
    logo: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    metadata: text(),
    kind: text({ enum: organizationKinds }).notNull(),
    /** Territory organizations only: the level and the code (INSEE, SIREN) of the area they speak for. */
    scopeLevel: text({ enum: scopeLevels }),
    scopeCode: text(),
  },
  (table) => [
    check('organization_kind_check', sql`${table.kind} in ('operator', 'territory', 'employer', 'network')`),
    check(
      'organization_scope_check',
      sql`(${table.kind} = 'territory') = (${table.scopeLevel} is not null and ${table.scopeCode} is not null)`,
    ),
  ],
);

export const member = pgTable(
  'member',
  {
    id: text().primaryKey(),
    organizationId: text()
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text({ enum: memberRoles }).notNull().default('staff'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('member_organization_user_idx').on(table.organizationId, table.userId),
    index('member_user_idx').on(table.userId),
    check('member_role_check', sql`${table.role} in ('owner', 'admin', 'staff')`),
  ],
);

export const invitation = pgTable(
  'invitation',
  {
    id: text().primaryKey(),
    organizationId: text()
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    role: text({ enum: memberRoles }),
    status: text().notNull().default('pending'),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    inviterId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (table) => [index('invitation_organization_idx').on(table.organizationId), index('invitation_email_idx').on(table.email)],
);

/** What a person agreed to (or withdrew), when, and which version of the text they saw. */
export const consentPurposes = ['directory-listing', 'newsletter'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const consent = pgTable(
  'consent',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    purpose: text({ enum: consentPurposes }).notNull(),
    granted: boolean().notNull(),
    textVersion: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('consent_user_idx').on(table.userId, table.purpose, table.recordedAt)],
);

/** Actions taken with administrative power (platform or organization), for accountability. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Null once the acting account is deleted: the action stays, the person does not. */
    actorUserId: text().references(() => user.id, { onDelete: 'set null' }),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    organizationId: text(),
    /** Ids and codes only, never names or e-mail addresses. */
    details: jsonb().$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (table) => [index('audit_log_at_idx').on(table.at), index('audit_log_organization_idx').on(table.organizationId, table.at)],
);

/**
 * Fixed-window counters of the authentication rate limits. In the database, so that every app process
 * counts the same attempts; one atomic upsert a hit.
 */
export const rateLimitCounter = pgTable('rate_limit_counter', {
  key: text().primaryKey(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  hits: integer().notNull(),
});

/** Instance-wide settings created once, such as the secret that signs sessions: shared by every process. */
export const instanceSetting = pgTable('instance_setting', {
  key: text().primaryKey(),
  value: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
