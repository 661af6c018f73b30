import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text (an .ics invitation, a CSV). */
  content: string;
}

/**
 * Every message the instance sends. Without SMTP_URL it stays here (`status` = `outbox`) for a platform
 * administrator to read at /admin/outbox, so the embedded mode works offline; with SMTP it is kept as a
 * delivery record (`sent` or `failed`).
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
    error: text(),
  },
  (table) => [index('outbox_message_created_idx').on(table.createdAt), index('outbox_message_recipient_idx').on(table.recipient)],
);
