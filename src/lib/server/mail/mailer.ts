import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { insertRowWhere } from '../db/bulk.ts';
import { queryRows, type Db } from '../db/database.ts';
import { log } from '../log.ts';
import { outboxMessage, type MailAttachment } from './schema.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  template: string;
}

/** Delivers one message over SMTP; resolves when the server accepted it. */
export type SmtpSend = (mail: OutgoingMail) => Promise<void>;

export interface Mailer {
  /** Records the message in the outbox, then delivers it. */
  send(mail: OutgoingMail): Promise<void>;
  /**
   * Records the message in the outbox through `db`, the caller's transaction: the message exists if and only
   * if what it announces was committed. Returns its delivery, to run once that transaction has committed.
   */
  enqueue(db: Db, mail: OutgoingMail): Promise<() => Promise<void>>;
  /**
   * The outbox row of a message as an INSERT … RETURNING id that writes it only `when` holds, for a caller
   * that writes what the message announces in the same statement (a CTE): one round trip for both.
   */
  outboxInsert(mail: OutgoingMail, when: SQL): SQL;
  /** The delivery of a message written by `outboxInsert`, to run once its statement committed. */
  deliveryOf(id: number, mail: OutgoingMail): () => Promise<void>;
}

/** An SMTP sender through nodemailer for a `smtp://user:pass@host:port` (or `smtps://`) URL. */
export async function smtpSender(smtpUrl: string, from: string): Promise<SmtpSend> {
  const { default: nodemailer } = await import('nodemailer');
  const url = new URL(smtpUrl);
  // Local relays (and the test server) speak plain SMTP: only upgrade to TLS when the server offers it.
  const transport = nodemailer.createTransport({ url: smtpUrl, ignoreTLS: url.searchParams.get('ignoreTLS') === 'true' } as never);
  return async (mail) => {
    await transport.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments?.map((file) => ({ filename: file.filename, contentType: file.contentType, content: file.content })),
    });
  };
}

/** The outbox row of a message, written only where `when` holds. */
function outboxInsert(mail: OutgoingMail, when: SQL): SQL {
  const row = {
    recipient: mail.to.toLowerCase(),
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    attachments: mail.attachments ?? [],
    template: mail.template,
    status: 'outbox' as const,
  };
  return sql`${insertRowWhere(outboxMessage, row, when)} returning ${outboxMessage.id}`;
}

/**
 * Records every message in the outbox table, then delivers it over SMTP when a sender is given. A failed
 * delivery is recorded with its error and does not fail the action that sent it (the user can ask again).
 */
export function createMailer(db: Db, smtp?: SmtpSend): Mailer {
  const deliveryOf = (id: number, mail: OutgoingMail) => async () => {
    if (!smtp) return;
    try {
      await smtp(mail);
      await db.update(outboxMessage).set({ status: 'sent', sentAt: new Date() }).where(eq(outboxMessage.id, id));
    } catch (error) {
      log.error({ err: error, outboxMessage: id, template: mail.template }, 'SMTP delivery failed');
      await db
        .update(outboxMessage)
        .set({ status: 'failed', error: String((error as Error).message ?? error).slice(0, 500) })
        .where(eq(outboxMessage.id, id));
    }
  };
  const enqueue = async (within: Db, mail: OutgoingMail) => {
    const [row] = await queryRows<{ id: number }>(within, outboxInsert(mail, sql`true`));
    return deliveryOf(row!.id, mail);
  };
  return {
    enqueue,
    outboxInsert,
    deliveryOf,
    async send(mail) {
      await (await enqueue(db, mail))();
    },
  };
}

export interface OutboxPage {
  items: OutboxMessage[];
  total: number;
}

/** The outbox, newest first, optionally for one recipient. */
export async function listOutbox(db: Db, options: { recipient?: string; limit?: number; offset?: number } = {}): Promise<OutboxPage> {
  const where = options.recipient ? eq(outboxMessage.recipient, options.recipient.toLowerCase()) : undefined;
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(outboxMessage)
      .where(where)
      .orderBy(desc(outboxMessage.id))
      .limit(options.limit ?? 50)
      .offset(options.offset ?? 0),
    db.select({ total: sql<number>`count(*)::int` }).from(outboxMessage).where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

export type OutboxMessage = typeof outboxMessage.$inferSelect;

/** One message of the outbox, or null. */
export async function getOutboxMessage(db: Db, id: number): Promise<OutboxMessage | null> {
  const [row] = await db.select().from(outboxMessage).where(eq(outboxMessage.id, id));
  return row ?? null;
}
