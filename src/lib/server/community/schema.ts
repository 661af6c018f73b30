import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { places } from '../places/schema.ts';
import { amountRanges, visibilities } from './vocabulary.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/*
 * A member's profile in the skills directory, one per person, private until they choose otherwise. Skills are
 * kept as keys (a curated code, or `~` and the folded words of a free addition) so that a search by skill is
 * one array test on a GIN index; the home commune is copied as a point so that a search by distance is one box
 * on a GiST index. No e-mail address or phone number lives here: contact goes through the relayed messages.
 */
export const communityProfiles = pgTable(
  'community_profiles',
  {
    userId: text()
      .primaryKey()
      .references(() => user.id, { onDelete: 'cascade' }),
    publicName: text().notNull(),
    headline: text().notNull().default(''),
    about: text().notNull().default(''),
    visibility: text({ enum: visibilities }).notNull().default('private'),
    /** Curated codes and `~folded words` of free additions, without duplicates. */
    skillKeys: text().array().notNull().default(sql`'{}'::text[]`),
    /** The free additions as their author typed them (first spelling kept), in the order of their keys. */
    freeSkills: text().array().notNull().default(sql`'{}'::text[]`),
    languages: text().array().notNull().default(sql`'{}'::text[]`),
    /** INSEE code of the commune shown (the commune only), and its centre for distance searches. */
    communeCode: text(),
    lat: doublePrecision(),
    lon: doublePrecision(),
    links: text().array().notNull().default(sql`'{}'::text[]`),
    availableForMissions: boolean().notNull().default(false),
    /** Folded words of the name, headline, about and skills (both languages): the text search reads it. */
    searchText: text().notNull().default(''),
    synthetic: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('community_profiles_visibility_check', sql`${table.visibility} in (${inList(visibilities)})`),
    check('community_profiles_point_check', sql`(${table.lat} is null) = (${table.lon} is null) and (${table.lat} is null) = (${table.communeCode} is null)`),
    index('community_profiles_position_idx').using('gist', sql`ll_to_earth(${table.lat}, ${table.lon})`),
    index('community_profiles_skills_idx').using('gin', table.skillKeys),
  ],
);

/** The places a member says they use (offered from their bookings, or chosen). */
export const communityProfilePlaces = pgTable(
  'community_profile_places',
  {
    userId: text()
      .notNull()
      .references(() => communityProfiles.userId, { onDelete: 'cascade' }),
    placeId: uuid()
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.userId, table.placeId] }), index('community_profile_places_place_idx').on(table.placeId)],
);

/*
 * A relayed contact: someone wrote to a profile. Neither address is shown; the recipient's is shown to the
 * sender once the recipient has replied (`recipient_replied_at`). Both sides may confirm that it led to work:
 * a collaboration is confirmed when both have (counted per place, never detailed).
 */
export const communityConversations = pgTable(
  'community_conversations',
  {
    id: uuid().primaryKey().defaultRandom(),
    senderId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    recipientId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recipientRepliedAt: timestamp({ withTimezone: true }),
    senderConfirmedAt: timestamp({ withTimezone: true }),
    recipientConfirmedAt: timestamp({ withTimezone: true }),
    amountRange: text({ enum: amountRanges }),
  },
  (table) => [
    check('community_conversations_amount_check', sql`${table.amountRange} is null or ${table.amountRange} in (${inList(amountRanges)})`),
    check('community_conversations_parties_check', sql`${table.senderId} <> ${table.recipientId}`),
    index('community_conversations_sender_idx').on(table.senderId, table.lastMessageAt),
    index('community_conversations_recipient_idx').on(table.recipientId, table.lastMessageAt),
  ],
);

export const communityMessages = pgTable(
  'community_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    conversationId: uuid()
      .notNull()
      .references(() => communityConversations.id, { onDelete: 'cascade' }),
    authorId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    body: text().notNull(),
    /** Set when the author's account was deleted: the text is gone, the thread keeps its shape. */
    erasedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('community_messages_conversation_idx').on(table.conversationId, table.createdAt)],
);

/** A person who no longer accepts messages from another. */
export const communityBlocks = pgTable(
  'community_blocks',
  {
    blockerId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    blockedId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.blockerId, table.blockedId] })],
);

/** A conversation reported to the platform administrators (their queue at /admin/signalements). */
export const communityReports = pgTable(
  'community_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    conversationId: uuid()
      .notNull()
      .references(() => communityConversations.id, { onDelete: 'cascade' }),
    reporterId: text()
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    reason: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: text().references(() => user.id, { onDelete: 'set null' }),
  },
  (table) => [index('community_reports_open_idx').on(table.createdAt).where(sql`${table.resolvedAt} is null`)],
);
