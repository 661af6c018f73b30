import { sql } from 'drizzle-orm';
import type { PrivacyPart } from '../accounts/index.ts';
import { queryRows } from '../db/database.ts';

/**
 * What events hold about a person: their registrations (in the export, with the event and its time) and the
 * series they created. Erasure anonymises the registrations (no person; the organizer's counts of past
 * occurrences stay right) and cancels those still to come, freeing their seats; series stay with their
 * organization (`created_by` points at the anonymised user).
 */
export const eventsPrivacy: PrivacyPart = {
  name: 'events',
  async export(db, userId) {
    const registrations = await queryRows(
      db,
      sql`select e.title, r.original_start as "occurrenceStart", r.status, r.created_at as "registeredAt", r.cancelled_at as "cancelledAt",
                 r.checked_in_at as "checkedInAt", r.reminded_at as "remindedAt"
          from event_registrations r join events e on e.id = r.event_id where r.user_id = ${userId} order by r.original_start`,
    );
    const created = await queryRows(db, sql`select id, title, created_at as "createdAt" from events where created_by = ${userId} order by created_at`);
    return { eventRegistrations: registrations, eventsCreated: created };
  },
  async erase(tx, person) {
    await queryRows(
      tx,
      sql`update event_registrations set user_id = null, idempotency_key = null,
            status = case when original_start > now() then 'cancelled' else status end,
            cancelled_at = case when original_start > now() and status <> 'cancelled' then now() else cancelled_at end
          where user_id = ${person.userId}`,
    );
  },
};
