import { eq, inArray, or, sql } from 'drizzle-orm';
import type { ErasedPerson, PrivacyPart } from '../accounts/index.ts';
import type { Db } from '../db/database.ts';
import { placeHistory, places } from './schema.ts';

/** The fields of a place that may hold a person's own contact. */
const CONTACT_FIELDS = ['contactEmail', 'contactPhone'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];
type Changes = Record<string, { from: unknown; to: unknown }>;

/** How two contacts are compared: e-mails without case, phones by their digits only. */
const comparable = (field: ContactField, value: string) => (field === 'contactEmail' ? value.trim().toLowerCase() : value.replace(/\D/g, ''));

/**
 * Whether `value` of `field` is the person's: their own address or phone anywhere, or what they typed
 * there in this place (the place's history says who wrote each value).
 */
function ownedBy(person: ErasedPerson, typedHere: Record<ContactField, Set<string>>, field: ContactField, value: unknown): boolean {
  if (typeof value !== 'string' || value.trim() === '') return false;
  const key = comparable(field, value);
  if (key === '') return false;
  const own = field === 'contactEmail' ? person.email : person.phone;
  return (!!own && comparable(field, own) === key) || typedHere[field].has(key);
}

/**
 * A deleted account's contact details leave the places: the contact e-mail and phone its author typed into a
 * place, and their own address and phone wherever they appear, are emptied in the place and in its history
 * (organizations hold no contact of their own to put instead; the team types the organization's again).
 */
async function eraseContacts(tx: Db, person: ErasedPerson): Promise<void> {
  const typed = new Map<string, Record<ContactField, Set<string>>>();
  const authored = await tx.select({ placeId: placeHistory.placeId, changes: placeHistory.changes }).from(placeHistory).where(eq(placeHistory.changedBy, person.userId));
  for (const entry of authored) {
    const here = typed.get(entry.placeId) ?? { contactEmail: new Set<string>(), contactPhone: new Set<string>() };
    typed.set(entry.placeId, here);
    for (const field of CONTACT_FIELDS) {
      const value = entry.changes[field]?.to;
      if (typeof value === 'string' && comparable(field, value) !== '') here[field].add(comparable(field, value));
    }
  }
  const none = { contactEmail: new Set<string>(), contactPhone: new Set<string>() };
  const emailDigest = comparable('contactEmail', person.email);
  const phoneDigits = person.phone ? comparable('contactPhone', person.phone) : '';
  const candidates = await tx
    .select({ id: places.id, contactEmail: places.contactEmail, contactPhone: places.contactPhone })
    .from(places)
    .where(
      or(
        typed.size > 0 ? inArray(places.id, [...typed.keys()]) : undefined,
        sql`lower(trim(${places.contactEmail})) = ${emailDigest}`,
        phoneDigits ? sql`regexp_replace(${places.contactPhone}, '[^0-9]', '', 'g') = ${phoneDigits}` : undefined,
      ),
    );
  for (const place of candidates) {
    const here = typed.get(place.id) ?? none;
    const cleared = CONTACT_FIELDS.filter((field) => ownedBy(person, here, field, place[field]));
    if (cleared.length > 0)
      await tx
        .update(places)
        .set({ ...Object.fromEntries(cleared.map((field) => [field, null])), updatedAt: new Date() })
        .where(eq(places.id, place.id));
  }
  const history = await tx
    .select({ id: placeHistory.id, placeId: placeHistory.placeId, changes: placeHistory.changes })
    .from(placeHistory)
    .where(sql`${placeHistory.changes} -> 'contactEmail' is not null or ${placeHistory.changes} -> 'contactPhone' is not null`);
  for (const entry of history) {
    const here = typed.get(entry.placeId) ?? none;
    let changed = false;
    const changes: Changes = { ...entry.changes };
    for (const field of CONTACT_FIELDS) {
      const change = changes[field];
      if (!change) continue;
      const from = ownedBy(person, here, field, change.from) ? null : change.from;
      const to = ownedBy(person, here, field, change.to) ? null : change.to;
      if (from !== change.from || to !== change.to) {
        changes[field] = { from, to };
        changed = true;
      }
    }
    if (changed) await tx.update(placeHistory).set({ changes }).where(eq(placeHistory.id, entry.id));
  }
}

/** What the directory holds about a person: the edits they made to places, and the contacts they typed. */
export const placesPrivacy: PrivacyPart = {
  name: 'places',
  async export(db, userId) {
    return { placeEdits: await db.select().from(placeHistory).where(eq(placeHistory.changedBy, userId)) };
  },
  async erase(tx, person) {
    // The places of an organization deleted with the account keep their operator's name, not a dangling link.
    if (person.removedOrganizationIds.length > 0)
      await tx.update(places).set({ operatorOrganizationId: null }).where(inArray(places.operatorOrganizationId, person.removedOrganizationIds));
    await eraseContacts(tx, person);
  },
};
