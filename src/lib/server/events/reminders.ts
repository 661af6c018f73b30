import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import type { Mailer } from '../mail/index.ts';
import { enqueueEventMails } from './mail.ts';
import { findSeries, occurrencesOf } from './queries.ts';
import { REMINDER_HOURS } from './vocabulary.ts';

/*
 * Reminders the day before, sent exactly once whatever the number of app processes. The job lives in the
 * database: each process's tick claims the due registrations with one UPDATE … WHERE reminded_at IS NULL …
 * RETURNING (a row claimed by another transaction is re-checked after its lock and skipped), and writes the
 * e-mails to the outbox in the same transaction: claimed if and only if the e-mails exist. Works the same on
 * PGlite (one process) and on PostgreSQL (any number).
 */

const TICK_MS = 5 * 60_000;

/** Claims the reminders due at `now` and writes their e-mails; returns how many were claimed. */
export async function sendDueReminders(db: Db, mailer: Mailer, now: Date = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + REMINDER_HOURS * 3_600_000);
  const { count, deliveries } = await db.transaction(async (tx) => {
    // The occurrence's start is its moved start when it was moved; a cancelled one reminds nobody.
    const claimed = await queryRows<{ event_id: string; original_start: string | Date; user_id: string }>(
      tx,
      sql`update event_registrations r set reminded_at = ${now.toISOString()}::timestamptz
          from events e
          where e.id = r.event_id and r.status = 'confirmed' and r.reminded_at is null and r.user_id is not null and e.cancelled_at is null
            and r.original_start between ${new Date(now.getTime() - 7 * 86_400_000).toISOString()}::timestamptz and ${new Date(horizon.getTime() + 7 * 86_400_000).toISOString()}::timestamptz
            and not exists (select 1 from event_occurrences o where o.event_id = r.event_id and o.original_start = r.original_start and o.cancelled_at is not null)
            and coalesce((select o.starts_at from event_occurrences o where o.event_id = r.event_id and o.original_start = r.original_start), r.original_start)
                between ${now.toISOString()}::timestamptz and ${horizon.toISOString()}::timestamptz
          returning r.event_id, r.original_start, r.user_id`,
    );
    if (!claimed.length) return { count: 0, deliveries: [] };
    const seriesIds = [...new Set(claimed.map((c) => c.event_id))];
    const list = await findSeries(tx, sql`e.id in (select x::uuid from json_array_elements_text(${JSON.stringify(seriesIds)}::json) as t(x))`);
    const sent: (() => void)[] = [];
    for (const series of list) {
      for (const occurrence of occurrencesOf(series)) {
        const people = claimed.filter((c) => c.event_id === series.id && new Date(c.original_start).getTime() === occurrence.originalStart.getTime()).map((c) => c.user_id);
        if (people.length) sent.push(...(await enqueueEventMails(tx, mailer, 'event-reminder', series, occurrence, people)));
      }
    }
    return { count: claimed.length, deliveries: sent };
  });
  for (const deliver of deliveries) await deliver();
  return count;
}

/** The server's tick (every 5 minutes, first after 30 s); returns the stop function. */
export function scheduleReminders(db: Db, mailer: Mailer, log: (line: string) => void): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const count = await sendDueReminders(db, mailer);
      if (count) log(`event reminders: ${count} sent`);
    } catch (error) {
      log(`event reminders failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, 30_000);
  const timer = setInterval(tick, TICK_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
