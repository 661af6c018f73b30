import { eq, and } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { createOrganization, type Accounts } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { outboxMessage } from '../mail/schema.ts';
import { createPlace, getPlace } from '../places/index.ts';
import { addressLine, bookingIcs, calendarFeed, calendarToken, confirmationMail, type PlaceLocation } from './calendar.ts';
import type { BookingContext } from './context.ts';
import { createOffer, createResource } from './manage.ts';
import type { Booking } from './model.ts';
import { cancelBooking, createBooking } from './service.ts';

/** An .ics as lines, folded lines joined again (RFC 5545 §3.1: CRLF then a space continues a line). */
const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');
const lineOf = (ics: string, name: string) => unfolded(ics).find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));

const BASE = 'https://maillage.example';
const ADDRESS = 'Bâtiment B; 12, rue des Lilas\\Cour';

const booking: Booking = {
  id: '0b0c7a1e-0000-4000-8000-000000000001',
  resourceId: '0b0c7a1e-0000-4000-8000-000000000002',
  resourceName: 'Open space',
  resourceKind: 'desk-pool',
  placeId: '0b0c7a1e-0000-4000-8000-000000000003',
  placeName: 'Le Quai, des Possibles',
  placeSlug: 'le-quai-des-possibles',
  userId: 'someone',
  day: '2026-12-02',
  endsOn: null,
  period: 'full',
  startMinute: 510,
  endMinute: 1140,
  status: 'confirmed',
  payment: 'on-site',
  entitlementId: null,
  priceCents: 1500,
  vatRateBasisPoints: 2000,
  createdAt: new Date('2026-12-01T08:00:00Z'),
};
const exact: PlaceLocation = { address: ADDRESS, postalCode: '46140', communeName: 'Luzech', lat: 44.47941, lon: 1.28862, exact: true };
const approximate: PlaceLocation = { ...exact, lat: 44.48, lon: 1.29, exact: false };

describe('a booking’s place in its calendar entry and e-mails', () => {
  it('LOCATION gives name, street, postal code and commune on one line, escaped as RFC 5545 says', () => {
    const ics = bookingIcs(booking, BASE, exact);
    expect(lineOf(ics, 'LOCATION')).toBe('LOCATION:Le Quai\\, des Possibles\\, Bâtiment B\\; 12\\, rue des Lilas\\\\Cour\\, 46140 Luzech');
    expect(lineOf(ics, 'GEO')).toBe('GEO:44.47941;1.28862');
  });

  it('GEO only for a pin placed by the place’s team, never for a commune’s centre', () => {
    const ics = bookingIcs(booking, BASE, approximate);
    expect(lineOf(ics, 'LOCATION')).toContain('46140 Luzech');
    expect(lineOf(ics, 'GEO')).toBeUndefined();
    expect(ics).not.toContain('X-APPLE-STRUCTURED-LOCATION');
  });

  it('a place without a street is its postal code and commune; a line break typed in it stays one line', () => {
    expect(addressLine({ ...exact, address: null })).toBe('46140 Luzech');
    const ics = bookingIcs(booking, BASE, { ...approximate, address: 'Rue haute\nporte 2' });
    expect(lineOf(ics, 'LOCATION')).toBe('LOCATION:Le Quai\\, des Possibles\\, Rue haute\\nporte 2\\, 46140 Luzech');
  });

  it('the confirmation and the cancellation e-mails give the address, in the booker’s language', () => {
    for (const [language, label] of [['fr', 'Adresse : '], ['en', 'Address: ']] as const) {
      const person = { email: 'a@example.org', name: 'Ana', language };
      for (const event of ['confirmed', 'cancelled'] as const) {
        const mail = confirmationMail({ ...booking, status: event }, person, event, exact, BASE);
        expect(mail.text).toContain(`${label}${ADDRESS}, 46140 Luzech`);
        expect(mail.html).toContain(`Bâtiment B; 12, rue des Lilas\\Cour, 46140 Luzech`);
        expect(lineOf(mail.attachments![0]!.content, 'GEO')).toBe('GEO:44.47941;1.28862');
      }
    }
  });
});

describe('bookings of a place with an address and a pin', () => {
  let database: Database;
  let accounts: Accounts;
  let owner: SignedIn;
  const as = (person: SignedIn): BookingContext => ({ db: accounts.db, actor: person.ctx.actor, mailer: accounts.mailer, now: new Date('2026-12-01T08:00:00Z') });

  beforeAll(async () => {
    database = await createTestDatabase();
    accounts = await testAccounts(database);
    owner = await signedUpPerson(accounts);
    const organization = await createOrganization(owner.ctx, { name: `Coopérative ${Date.now()}`, kind: 'operator' });
    owner = await refreshed(accounts, owner);
    for (const [name, point] of [['Quai exact', { lat: 44.47941, lon: 1.28862 }], ['Quai approché', {}]] as const) {
      await createPlace(accounts.db, {
        name,
        kind: 'coworking',
        communeCode: '46182',
        address: ADDRESS,
        ...point,
        openingHours: 'Mo-Fr 08:30-19:00',
        operatorOrganizationId: organization.id,
      });
    }
  });
  afterAll(() => database?.close());

  it('the e-mails, their .ics and the private feed give the address; the point only when exact', async () => {
    const coworker = await signedUpPerson(accounts);
    const made: string[] = [];
    for (const slug of ['quai-exact', 'quai-approche']) {
      const place = await getPlace(accounts.db, slug);
      const resource = await createResource(as(owner), place.id, { kind: 'desk-pool', name: 'Open space', capacity: '3' });
      await createOffer(as(owner), place.id, { kind: 'day-pass', name: 'Journée', price: '15' });
      made.push((await createBooking(as(coworker), { resourceId: resource.id, day: '2026-12-09' })).booking.id);
    }
    const mails = await accounts.db
      .select()
      .from(outboxMessage)
      .where(and(eq(outboxMessage.recipient, coworker.email.toLowerCase()), eq(outboxMessage.template, 'booking-confirmed')));
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.textBody).toContain(`${ADDRESS}, 46140 Luzech`);
      const ics = mail.attachments[0]!.content;
      const exactOne = ics.includes('Quai exact');
      expect(lineOf(ics, 'LOCATION')).toBe(`LOCATION:${exactOne ? 'Quai exact' : 'Quai approché'}\\, Bâtiment B\\; 12\\, rue des Lilas\\\\Cour\\, 46140 Luzech`);
      expect(lineOf(ics, 'GEO')).toBe(exactOne ? 'GEO:44.47941;1.28862' : undefined);
    }

    await cancelBooking(as(coworker), made[0]!);
    const [cancelled] = await accounts.db
      .select()
      .from(outboxMessage)
      .where(and(eq(outboxMessage.recipient, coworker.email.toLowerCase()), eq(outboxMessage.template, 'booking-cancelled')));
    expect(cancelled!.textBody).toContain(`${ADDRESS}, 46140 Luzech`);
    expect(lineOf(cancelled!.attachments[0]!.content, 'GEO')).toBe('GEO:44.47941;1.28862');

    const feed = (await calendarFeed(accounts.db, await calendarToken(as(coworker)), BASE))!;
    const locations = unfolded(feed).filter((line) => line.startsWith('LOCATION:'));
    expect(locations).toHaveLength(2);
    for (const line of locations) expect(line).toContain('Bâtiment B\\; 12\\, rue des Lilas\\\\Cour\\, 46140 Luzech');
    expect(unfolded(feed).filter((line) => line.startsWith('GEO:'))).toEqual(['GEO:44.47941;1.28862']);
  });
});
