import type { Actor } from '../accounts/index.ts';
import type { Db } from '../db/database.ts';
import type { Mailer } from '../mail/index.ts';

/** What community functions take first: who acts, the database, and for messages the mailer and the site's address. */
export interface CommunityContext {
  db: Db;
  actor: Actor;
  mailer?: Mailer;
  /** The site's address, for the links in e-mails. */
  baseURL?: string;
  /** Tests move time; otherwise now. */
  now?: Date;
}

export const nowOf = (ctx: { now?: Date }) => ctx.now ?? new Date();
