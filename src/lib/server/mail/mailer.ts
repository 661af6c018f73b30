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
  /** Records the message in the outbox and wakes the delivery; does not wait for the SMTP server. */
  send(mail: OutgoingMail): Promise<void>;
  /**
   * Records the message in the outbox through `db`, the caller's transaction: the message exists if and only
   * if what it announces was committed. Returns what to call once that transaction has committed.
   */
  enqueue(db: Db, mail: OutgoingMail): Promise<() => void>;
  /**
   * The outbox row of a message as an INSERT … RETURNING id that writes it only `when` holds, for a caller
   * that writes what the message announces in the same statement (a CTE): one round trip for both.
   */
  outboxInsert(mail: OutgoingMail, when: SQL): SQL;
  /** Wakes this process's delivery: messages just committed are sent without waiting for the next poll. */
  wake(): void;
  /** Delivers every message due now, from any process; resolves when none is left. */
  deliverDue(): Promise<void>;
  /** Looks for due messages (retries, messages written by the CLI) every `intervalMs`; returns the stop. */
  startDelivery(intervalMs?: number): () => Promise<void>;
}

/** Attempts before a message is marked failed: 8 attempts over about four hours (1, 2, 4 … 64 minutes apart). */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** How long a process holds a message it is sending; longer than the SMTP timeouts below, so a live sender never loses it. */
const LEASE = '5 minutes';
/** Messages taken at once by one process. */
const BATCH = 10;

/** An SMTP sender through nodemailer for a `smtp://user:pass@host:port` (or `smtps://`) URL. */
export async function smtpSender(smtpUrl: string, from: string): Promise<SmtpSend> {
  const { default: nodemailer } = await import('nodemailer');
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    // Local relays (and the test server) speak plain SMTP: only upgrade to TLS when the server offers it.
    ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  } as never);
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

/** A refusal the server means for good (5xx): retrying would only be refused again. */
function permanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

interface DueRow {
  id: number;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: MailAttachment[];
  template: string;
  attempts: number;
}

/**
 * Records every message in the outbox table. With an SMTP sender the table is also the queue: any process
 * takes due messages with `FOR UPDATE SKIP LOCKED` and a lease, so two processes never send one message;
 * a failure waits 1, 2, 4 … minutes before the next attempt, and a refusal (5xx) or the last attempt marks
 * it failed, with its error, for the admin outbox. Requests never wait for the SMTP server.
 */
export function createMailer(db: Db, smtp?: SmtpSend): Mailer {
  const outboxInsert = (mail: OutgoingMail, when: SQL): SQL => {
    const row = {
      recipient: mail.to.toLowerCase(),
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      attachments: mail.attachments ?? [],
      template: mail.template,
      status: 'outbox' as const,
      // With SMTP, due now by the database's clock (the column's default); without, kept to be read.
      nextAttemptAt: smtp ? undefined : null,
    };
    return sql`${insertRowWhere(outboxMessage, row, when)} returning ${outboxMessage.id}`;
  };

  const claim = () =>
    queryRows<DueRow>(
      db,
      sql`update outbox_message set locked_until = now() + ${LEASE}::interval, attempts = attempts + 1
          where id in (
            select id from outbox_message
            where status = 'outbox' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
            order by next_attempt_at, id limit ${BATCH} for update skip locked)
          returning id, recipient, subject, text_body, html_body, attachments, template, attempts`,
    );

  const deliver = async (send: SmtpSend, row: DueRow) => {
    try {
      await send({ to: row.recipient, subject: row.subject, text: row.text_body, html: row.html_body ?? undefined, attachments: row.attachments, template: row.template });
      await db.execute(sql`update outbox_message set status = 'sent', sent_at = now(), error = null, locked_until = null, next_attempt_at = null where id = ${row.id}`);
    } catch (error) {
      const last = permanent(error) || row.attempts >= MAX_DELIVERY_ATTEMPTS;
      log.error({ err: error, outboxMessage: row.id, template: row.template, attempt: row.attempts, final: last }, 'SMTP delivery failed');
      const message = String((error as Error).message ?? error).slice(0, 500);
      await db.execute(
        last
          ? sql`update outbox_message set status = 'failed', error = ${message}, locked_until = null, next_attempt_at = null where id = ${row.id}`
          : sql`update outbox_message set error = ${message}, locked_until = null,
                  next_attempt_at = now() + make_interval(mins => least(power(2, attempts - 1), 360)::int) where id = ${row.id}`,
      );
    }
  };

  // One delivery run at a time in this process; a wake during a run makes it look again before it ends.
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (send: SmtpSend) => {
    do {
      again = false;
      for (let rows = await claim(); rows.length > 0; rows = await claim()) await Promise.all(rows.map((row) => deliver(send, row)));
    } while (again);
  };
  const wake = () => {
    if (!smtp) return;
    if (running) {
      again = true;
      return;
    }
    running = run(smtp)
      .catch((error: unknown) => log.error({ err: error }, 'outbox delivery stopped'))
      .finally(() => (running = null));
  };
  const deliverDue = async () => {
    wake();
    while (running) await running;
  };

  const enqueue = async (within: Db, mail: OutgoingMail) => {
    await queryRows<{ id: number }>(within, outboxInsert(mail, sql`true`));
    return wake;
  };
  return {
    enqueue,
    outboxInsert,
    wake,
    deliverDue,
    startDelivery(intervalMs = 30_000) {
      if (!smtp) return async () => {};
      wake();
      const timer = setInterval(wake, intervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        while (running) await running;
      };
    },
    async send(mail) {
      (await enqueue(db, mail))();
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
