import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text (an .ics invitation, a CSV). */
  content: string;
}

/**
 * Every message the instance sends. Without SMTP_URL it stays here (`status` = `outbox`, no
 * `nextAttemptAt`) for a platform administrator to read at /admin/outbox, so the embedded mode works
 * offline. With SMTP it is a queue: `nextAttemptAt` says when a process may next try it, `lockedUntil` is the
 * lease of the process sending it now, and it ends `sent`, or `failed` once retries are spent or the server
 * refused it for good.
 */
export const outboxMessage = pgTable(
  'outbox_message',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recipient: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text(),
    attachments: jsonb().$type<MailAttachment[]>().notNull().default([]),
    /** Which template wrote it (`verify-email`, `magic-link`…), for the outbox's filters. */
    template: text().notNull(),
    status: text({ enum: ['outbox', 'sent', 'failed'] }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    /** The last delivery error (kept while the message waits for its next attempt). */
    error: text(),
    attempts: integer().notNull().default(0),
    /**
     * When a process may try to deliver it, by the database's clock (the default); null: never (written
     * without SMTP, to be read in the outbox).
     */
    nextAttemptAt: timestamp({ withTimezone: true }).defaultNow(),
    /** A process holds it until then while it talks to the SMTP server; after, another may take it. */
    lockedUntil: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('outbox_message_created_idx').on(table.createdAt),
    index('outbox_message_recipient_idx').on(table.recipient),
    index('outbox_message_due_idx').on(table.nextAttemptAt).where(sql`status = 'outbox' and next_attempt_at is not null`),
  ],
);
