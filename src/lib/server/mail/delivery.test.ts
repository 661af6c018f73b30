import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { journal, rollBack } from '../../../../tests/setup/migrations.ts';
import { migrationLevel, queryRows, type Database } from '../db/index.ts';
import { log } from '../log.ts';
import { createMailer, MAX_DELIVERY_ATTEMPTS, type OutgoingMail, type SmtpSend } from './mailer.ts';

// The outbox as a queue when SMTP is set: what is sent, once, by whichever process takes it; what waits
// after an error and for how long; what is marked failed; and what is never sent (written without SMTP).

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());
beforeEach(async () => {
  await database.db.execute(sql`delete from outbox_message`);
});

const mail = (n: number): OutgoingMail => ({ to: `person${n}@example.org`, subject: `Message ${n}`, text: `Texte ${n}`, template: 'test' });

interface Row {
  id: number;
  recipient: string;
  status: string;
  attempts: number;
  error: string | null;
  waits_s: number | null;
  locked: boolean;
}
const rows = () =>
  queryRows<Row>(
    database.db,
    sql`select id, recipient, status, attempts, error, locked_until is not null as locked,
               round(extract(epoch from next_attempt_at - now()))::int as waits_s
        from outbox_message order by id`,
  );

/** An SMTP sender that records what it was given, after a pause that lets deliveries overlap. */
function recordingSender(fail?: (mail: OutgoingMail) => Error | null) {
  const sent: string[] = [];
  const send: SmtpSend = async (message) => {
    await new Promise((resolve) => setTimeout(resolve, 2));
    const error = fail?.(message);
    if (error) throw error;
    sent.push(message.to);
  };
  return { sent, send };
}

/** Runs `run` with the delivery errors it expects kept out of the test's output. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
  try {
    return await run();
  } finally {
    logged.mockRestore();
  }
}

describe('outbox delivery', () => {
  it('sends each message once when two processes deliver at the same time', async () => {
    const smtp = recordingSender();
    const first = createMailer(database.db, smtp.send);
    const second = createMailer(database.db, smtp.send);
    for (let n = 0; n < 40; n += 1) await first.enqueue(database.db, mail(n));
    await Promise.all([first.deliverDue(), second.deliverDue(), first.deliverDue()]);
    expect(smtp.sent).toHaveLength(40);
    expect(new Set(smtp.sent).size).toBe(40);
    const after = await rows();
    expect(after.every((row) => row.status === 'sent' && row.attempts === 1 && !row.locked && row.waits_s === null)).toBe(true);
  });

  it('sends a message as soon as the request that wrote it wakes the delivery, without waiting for a poll', async () => {
    const smtp = recordingSender();
    const mailer = createMailer(database.db, smtp.send);
    await mailer.send(mail(1));
    await vi.waitFor(() => expect(smtp.sent).toEqual(['person1@example.org']), { timeout: 5000 });
  });

  it('tries again after 1, 2, 4 … minutes, keeping the error, and marks the message failed after the last attempt', async () => {
    const smtp = recordingSender(() => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNREFUSED' }));
    const mailer = createMailer(database.db, smtp.send);
    await mailer.enqueue(database.db, mail(1));
    await quietly(() => mailer.deliverDue());
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'outbox', attempts: 1, error: 'connect ECONNREFUSED 127.0.0.1:25', locked: false });
    expect(row!.waits_s).toBeGreaterThanOrEqual(59);
    expect(row!.waits_s).toBeLessThanOrEqual(60);

    // Not due yet: another delivery leaves it alone.
    await quietly(() => mailer.deliverDue());
    expect((await rows())[0]!.attempts).toBe(1);

    const waits: number[] = [];
    for (let attempt = 2; attempt < MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      await database.db.execute(sql`update outbox_message set next_attempt_at = now() - interval '1 second'`);
      await quietly(() => mailer.deliverDue());
      [row] = await rows();
      waits.push(Math.round(row!.waits_s! / 60));
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64]);
    expect(row).toMatchObject({ status: 'outbox', attempts: MAX_DELIVERY_ATTEMPTS - 1 });

    await database.db.execute(sql`update outbox_message set next_attempt_at = now() - interval '1 second'`);
    await quietly(() => mailer.deliverDue());
    expect((await rows())[0]).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, error: 'connect ECONNREFUSED 127.0.0.1:25', waits_s: null });
    expect(smtp.sent).toEqual([]);
  });

  it('marks a message refused for good (5xx) as failed at once, and still sends the others', async () => {
    const smtp = recordingSender((message) =>
      message.to === 'person2@example.org' ? Object.assign(new Error('550 Mailbox unavailable'), { responseCode: 550 }) : null,
    );
    const mailer = createMailer(database.db, smtp.send);
    for (const n of [1, 2, 3]) await mailer.enqueue(database.db, mail(n));
    await quietly(() => mailer.deliverDue());
    expect((await rows()).map((row) => [row.recipient, row.status, row.attempts])).toEqual([
      ['person1@example.org', 'sent', 1],
      ['person2@example.org', 'failed', 1],
      ['person3@example.org', 'sent', 1],
    ]);
  });

  it('leaves a message another process holds until its lease ends, then takes it', async () => {
    const smtp = recordingSender();
    const mailer = createMailer(database.db, smtp.send);
    await mailer.enqueue(database.db, mail(1));
    await database.db.execute(sql`update outbox_message set locked_until = now() + interval '4 minutes', attempts = 1`);
    await mailer.deliverDue();
    expect(smtp.sent).toEqual([]);
    // The process holding it died: its lease runs out and another process sends it.
    await database.db.execute(sql`update outbox_message set locked_until = now() - interval '1 second'`);
    await mailer.deliverDue();
    expect(smtp.sent).toEqual(['person1@example.org']);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('keeps what is written without SMTP to be read, and never sends it later', async () => {
    await createMailer(database.db).send(mail(1));
    expect((await rows())[0]).toMatchObject({ status: 'outbox', attempts: 0, waits_s: null });
    // SMTP set afterwards: the messages kept for reading are not sent late (their links have long expired).
    const smtp = recordingSender();
    await createMailer(database.db, smtp.send).deliverDue();
    expect(smtp.sent).toEqual([]);
  });
});

describe('migration outbox_delivery', () => {
  it('keeps the messages written before it, unsent, and queues the ones written after', async () => {
    const db = database.db;
    await db.execute(sql`drop index outbox_message_due_idx`);
    await db.execute(sql`alter table outbox_message drop column attempts, drop column next_attempt_at, drop column locked_until`);
    const rolledBack = await rollBack(database, 'outbox_delivery');
    expect(await migrationLevel(db)).toBe(rolledBack.previous);
    await db.execute(sql`insert into outbox_message (recipient, subject, text_body, template, status)
                         values ('before@example.org', 'Lien de connexion', 'https://example.org/x', 'magic-link', 'outbox'),
                                ('sent@example.org', 'Réservation', 'ok', 'booking-confirmed', 'sent')`);

    expect(await rolledBack.reapply()).toMatch(/_outbox_delivery$/);
    expect(await migrationLevel(db)).toBe(journal.entries.at(-1)!.tag);
    expect((await rows()).map((row) => [row.recipient, row.status, row.attempts, row.waits_s])).toEqual([
      ['before@example.org', 'outbox', 0, null],
      ['sent@example.org', 'sent', 0, null],
    ]);
    const smtp = recordingSender();
    const mailer = createMailer(db, smtp.send);
    await mailer.enqueue(db, mail(9));
    await mailer.deliverDue();
    expect(smtp.sent).toEqual(['person9@example.org']);
  });
});
