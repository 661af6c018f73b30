import type { Actor } from '../accounts/index.ts';
import type { Db } from '../db/database.ts';
import type { Mailer } from '../mail/index.ts';

/**
 * What every booking function is given (the domains' one calling convention, `fn(ctx, …)`): the database,
 * who acts (checked through `can` before anything is read or written for them), a mailer for the e-mails it
 * sends, and "now" (tests move it). Routes pass their request context, which holds all four.
 */
export interface BookingContext {
  db: Db;
  actor: Actor;
  mailer?: Mailer;
  /** Instant of "now" (tests move it). */
  now?: Date;
}
