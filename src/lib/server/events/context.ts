import type { Actor } from '../accounts/index.ts';
import type { Db } from '../db/database.ts';
import type { Mailer } from '../mail/index.ts';

/** What every events function is given (`fn(ctx, …)`): database, who acts, a mailer for its e-mails, and "now" (tests move it). */
export interface EventContext {
  db: Db;
  actor: Actor;
  mailer?: Mailer;
  now?: Date;
}
