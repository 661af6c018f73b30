import type { Db } from '../db/database.ts';

/** A person whose account is being deleted, as read before anything is erased. */
export interface ErasedPerson {
  userId: string;
  name: string;
  email: string;
  phone: string | null;
  /** Organizations deleted with the account: it was their only member. */
  removedOrganizationIds: string[];
}

/**
 * One domain's part of a person's rights over their data. Each domain declares what it holds about a person
 * in its own `privacy.ts` and registers it here, so accounts reads no other domain's tables and a new domain
 * adds its part without touching accounts.
 */
export interface PrivacyPart {
  /** The domain; registering the same name again replaces its part. */
  name: string;
  /** The domain's sections of the person's export (GDPR art. 15 and 20), keyed by their name in the document. */
  export(db: Db, userId: string): Promise<Record<string, unknown>>;
  /** Erases or anonymises the domain's records of the person, inside the account deletion's transaction. */
  erase(tx: Db, person: ErasedPerson): Promise<void>;
}

const parts = new Map<string, PrivacyPart>();

export function registerPrivacy(part: PrivacyPart): void {
  parts.set(part.name, part);
}

/** The registered parts, in the order they were first registered (the order of the export's sections). */
export const privacyParts = (): PrivacyPart[] => [...parts.values()];
