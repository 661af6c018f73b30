import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsForTestFile, signedUpPerson, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { heldEntitlement } from '../../../../tests/factories/booking.ts';
import { operatorWithPlace } from '../../../../tests/factories/places.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { queryRows } from '../db/index.ts';
import { getPlace, importPlacesCsv, placeHistoryOf, placesCsv } from '../places/index.ts';
import { bookerMeans, placeAvailability } from './availability.ts';
import type { BookingContext } from './context.ts';
import { createOffer, createResource, setResourceFree, updateOffer, withdrawOffer } from './manage.ts';
import { setPlacePriceList } from './pricing.ts';
import { createBooking } from './service.ts';
import { cardPrice, placeBookingSection } from './view.ts';

// One price list per place: the offers are the prices the directory shows and the bookings charge.

const env = accountsForTestFile();
let owner: SignedIn;
let placeId: string;
let slug: string;
let desks: string;
let room: string;

/** Tuesday 1 December 2026, 9:00 in Paris. */
const NOW = new Date('2026-12-01T08:00:00Z');
const TOMORROW = '2026-12-02';

const as = (person: SignedIn): BookingContext => ({ db: env.accounts.db, actor: person.ctx.actor, now: NOW });
const figures = async (id = placeId) => {
  const { dayPrice, halfDayPrice, carnet10Price, monthPrice } = await getPlace(env.accounts.db, id);
  return { dayPrice, halfDayPrice, carnet10Price, monthPrice };
};

beforeAll(async () => {
  const operator = await operatorWithPlace(env.accounts, { name: 'La Grange aux Prix', kind: 'coworking', communeCode: '46182', openingHours: 'Mo-Fr 09:00-18:00' });
  owner = operator.owner;
  placeId = operator.place.id;
  slug = operator.place.slug;
  desks = (await createResource(as(owner), placeId, { kind: 'desk-pool', name: 'Plateau', capacity: 4 })).id;
  room = (await createResource(as(owner), placeId, { kind: 'room', name: 'Salle', capacity: 6, minMinutes: 60, maxMinutes: 120 })).id;
});

describe('the directory’s figures', () => {
  it('follow the offers: the lowest public price of each kind, a carnet of 10 days as sold, in the same transaction, recorded in the history', async () => {
    expect(await figures()).toEqual({ dayPrice: null, halfDayPrice: null, carnet10Price: null, monthPrice: null });
    const day = await createOffer(as(owner), placeId, { kind: 'day-pass', name: 'Journée', price: '22', memberPrice: '18' });
    expect(await figures()).toMatchObject({ dayPrice: 22 });
    const cheaper = await createOffer(as(owner), placeId, { kind: 'day-pass', name: 'Journée tarif réduit', price: '20' });
    await createOffer(as(owner), placeId, { kind: 'half-day-pass', name: 'Demi-journée', price: '12' });
    await createOffer(as(owner), placeId, { kind: 'carnet', name: 'Carnet 5 jours', price: '60', units: '5' });
    await createOffer(as(owner), placeId, { kind: 'carnet', name: 'Carnet 10 jours', price: '180', units: '10' });
    await createOffer(as(owner), placeId, { kind: 'monthly-plan', name: 'Abonnement', price: '250' });
    expect(await figures()).toEqual({ dayPrice: 20, halfDayPrice: 12, carnet10Price: 180, monthPrice: 250 });
    await withdrawOffer(as(owner), cheaper.id);
    expect(await figures()).toMatchObject({ dayPrice: 22 });
    const [latest] = await placeHistoryOf(env.accounts.db, placeId);
    expect(latest).toMatchObject({ changedBy: owner.ctx.actor.kind === 'user' ? owner.ctx.actor.userId : '', changes: { dayPrice: { from: 20, to: 22 } } });
    await withdrawOffer(as(owner), day.id);
    expect(await figures()).toMatchObject({ dayPrice: null, halfDayPrice: 12 });
    // The search reads the same figures.
    const csv = await placesCsv(env.accounts.db, { q: 'grange aux prix' });
    expect(csv).toContain(',12,250,180,');
  });

  it('a price list (a CSV import) sets the offer of each kind given, creating it when the place sells none, and leaves the others', async () => {
    await setPlacePriceList(env.accounts.db, placeId, { dayPriceCents: 2100, monthPriceCents: 26000 }, 'import');
    expect(await figures()).toEqual({ dayPrice: 21, halfDayPrice: 12, carnet10Price: 180, monthPrice: 260 });
    const offers = await queryRows<{ kind: string; name: string; price_cents: number }>(
      env.accounts.db,
      sql`select kind, name, price_cents from offers where place_id = ${placeId}::uuid and active = 1 and kind in ('day-pass', 'monthly-plan') order by kind`,
    );
    expect(offers).toEqual([
      { kind: 'day-pass', name: 'Journée', price_cents: 2100 },
      { kind: 'monthly-plan', name: 'Abonnement', price_cents: 26000 },
    ]);
  });

  it('a CSV import with the booking domain’s price list writes the price columns to the offers', async () => {
    const csv = await placesCsv(env.accounts.db, { q: 'grange aux prix' });
    const changed = csv.replace(',21,12,260,180,', ',23,12,260,170,');
    expect(changed).not.toBe(csv);
    const report = await importPlacesCsv(env.accounts.db, changed, { changedBy: 'import', setPrices: setPlacePriceList });
    expect(report).toMatchObject({ applied: true, updated: 1 });
    expect(report.rows[0]!.changedFields?.sort()).toEqual(['carnet10Price', 'dayPrice']);
    expect(await figures()).toEqual({ dayPrice: 23, halfDayPrice: 12, carnet10Price: 170, monthPrice: 260 });
    const [carnet] = await queryRows<{ price_cents: number }>(
      env.accounts.db,
      sql`select price_cents from offers where place_id = ${placeId}::uuid and active = 1 and kind = 'carnet' and units = 10`,
    );
    expect(carnet!.price_cents).toBe(17_000);
  });
});

describe('changing an offer', () => {
  it('renames and reprices it: the directory follows, a booking already made keeps its price, its kind and terms stay; only its team may', async () => {
    const operator = await operatorWithPlace(env.accounts, { name: 'Le Relais des Offres', kind: 'coworking', communeCode: '46182', openingHours: 'Mo-Fr 09:00-18:00' });
    const team = as(operator.owner);
    const pool = (await createResource(team, operator.place.id, { kind: 'desk-pool', name: 'Plateau', capacity: 4 })).id;
    const day = await createOffer(team, operator.place.id, { kind: 'day-pass', name: 'Journée', price: '15' });
    const first = await signedUpPerson(env.accounts);
    const made = await createBooking(as(first), { resourceId: pool, day: TOMORROW, payment: 'on-site' });
    expect(made.booking.priceCents).toBe(1500);

    const changed = await updateOffer(team, day.id, { name: 'Journée nomade', price: '17,5', memberPrice: '14', vatRate: '10', kind: 'monthly-plan', units: '3' });
    expect(changed).toMatchObject({ name: 'Journée nomade', kind: 'day-pass', priceCents: 1750, memberPriceCents: 1400, vatRateBasisPoints: 1000, units: null });
    expect(await figures(operator.place.id)).toMatchObject({ dayPrice: 17.5 });
    const [kept] = await queryRows<{ price_cents: number }>(env.accounts.db, sql`select price_cents from bookings where id = ${made.booking.id}::uuid`);
    expect(kept!.price_cents).toBe(1500);
    const second = await signedUpPerson(env.accounts);
    expect((await createBooking(as(second), { resourceId: pool, day: TOMORROW, payment: 'on-site' })).booking).toMatchObject({ priceCents: 1750, vatRateBasisPoints: 1000 });

    expect(await domainRejection(updateOffer(team, day.id, { name: 'Journée', price: '-1' }))).toMatchObject({ kind: 'invalid', issues: [{ path: 'price' }] });
    expect(await domainRejection(updateOffer(as(second), day.id, { name: 'Gratuit', price: '0' }))).toMatchObject({ kind: 'forbidden' });
    expect(await figures(operator.place.id)).toMatchObject({ dayPrice: 17.5 });
    await withdrawOffer(team, day.id);
    expect(await domainRejection(updateOffer(team, day.id, { name: 'Journée', price: '15' }))).toMatchObject({ kind: 'not_found', code: 'booking_offer_not_found' });
  });
});

describe('no booking without a price', () => {
  it('refuses a room no offer prices (409, in both languages), and books it once it is free, at no charge', async () => {
    const person = await signedUpPerson(env.accounts);
    const refused = await domainRejection(createBooking(as(person), { resourceId: room, day: TOMORROW, start: '10:00', end: '11:00' }));
    expect(refused).toMatchObject({ kind: 'conflict', code: 'booking_no_price' });
    await setResourceFree(as(owner), room, true);
    const { booking } = await createBooking(as(person), { resourceId: room, day: TOMORROW, start: '10:00', end: '11:00' });
    expect(booking).toMatchObject({ payment: 'on-site', priceCents: 0 });
    await setResourceFree(as(owner), room, false);
    expect(await domainRejection(createBooking(as(person), { resourceId: room, day: TOMORROW, start: '14:00', end: '15:00' }))).toMatchObject({ code: 'booking_no_price' });
  });

  it('books a room at its hourly offer, and a desk at the day offer (member price for a carnet holder whose carnet is used up)', async () => {
    await createOffer(as(owner), placeId, { kind: 'hourly-room', name: 'Salle à l’heure', price: '15', resourceId: room });
    const person = await signedUpPerson(env.accounts);
    const { booking } = await createBooking(as(person), { resourceId: room, day: TOMORROW, start: '15:00', end: '17:00' });
    expect(booking).toMatchObject({ payment: 'on-site', priceCents: 3000 });
    const desk = await createBooking(as(person), { resourceId: desks, day: TOMORROW, period: 'am' });
    expect(desk.booking).toMatchObject({ payment: 'on-site', priceCents: 1200 });
  });

  it('a desk with no day or half-day offer is booked only with a plan or a carnet held there', async () => {
    const other = await operatorWithPlace(env.accounts, { name: 'Le Fournil sans tarif', kind: 'coworking', communeCode: '46182', openingHours: 'Mo-Fr 09:00-18:00' });
    const team = { db: env.accounts.db, actor: other.owner.ctx.actor, now: NOW };
    const pool = (await createResource(team, other.place.id, { kind: 'desk-pool', name: 'Plateau', capacity: 2 })).id;
    const plan = await createOffer(team, other.place.id, { kind: 'monthly-plan', name: 'Abonnement', price: '200' });
    const [member, visitor] = await Promise.all([signedUpPerson(env.accounts), signedUpPerson(env.accounts)]);
    expect(await domainRejection(createBooking(as(visitor!), { resourceId: pool, day: TOMORROW }))).toMatchObject({ kind: 'conflict', code: 'booking_no_price' });
    await heldEntitlement(env.accounts.db, other.owner.ctx.actor, member!.ctx.actor, other.place.id, { offerId: plan.id }, NOW);
    expect((await createBooking(as(member!), { resourceId: pool, day: TOMORROW })).booking).toMatchObject({ payment: 'plan', priceCents: 0 });
  });
});

describe('the booking cards', () => {
  it('show each resource’s price, and what the booking will use for this person, or that it is not bookable yet', async () => {
    const visitor = await signedUpPerson(env.accounts);
    const availability = await placeAvailability(env.accounts.db, placeId, TOMORROW, NOW);
    const means = await bookerMeans(as(visitor), placeId, TOMORROW);
    expect(means).toEqual({ member: false, plan: null, carnet: null });
    const section = placeBookingSection(availability, { actor: visitor.ctx.actor, today: '2026-12-01', place: { id: placeId, status: 'open', operatorOrganizationId: null }, means });
    expect(section.desks[0]!.price).toEqual({
      free: false,
      rates: [
        { unit: 'day', priceCents: 2300, memberPriceCents: null },
        { unit: 'half-day', priceCents: 1200, memberPriceCents: null },
      ],
      uses: { kind: 'on-site', unit: 'day', priceCents: 2300 },
    });
    expect(section.rooms[0]!.price.uses).toEqual({ kind: 'on-site', unit: 'hour', priceCents: 1500 });

    // A carnet holder: a day of the carnet, with the days left.
    const carnet = await createOffer(as(owner), placeId, { kind: 'carnet', name: 'Carnet 3 jours', price: '50', units: '3' });
    await heldEntitlement(env.accounts.db, owner.ctx.actor, visitor.ctx.actor, placeId, { offerId: carnet.id }, NOW);
    const held = await bookerMeans(as(visitor), placeId, TOMORROW);
    expect(held).toEqual({ member: true, plan: null, carnet: { daysLeft: 3 } });
    expect(cardPrice('desk-pool', availability.resources.find((r) => r.kind === 'desk-pool')!.price, held).uses).toEqual({ kind: 'carnet', daysLeft: 3 });
    // A carnet pays for desks only: the room is paid on site.
    expect(cardPrice('room', availability.resources.find((r) => r.kind === 'room')!.price, held).uses.kind).toBe('on-site');

    // Nothing prices it, nothing held pays for it: not bookable yet; free: nothing to pay.
    const bare = { free: false, rates: [] };
    expect(cardPrice('room', bare, null).uses).toEqual({ kind: 'none' });
    expect(cardPrice('desk-pool', bare, { member: true, plan: { daysLeft: null }, carnet: null }).uses).toEqual({ kind: 'plan', daysLeft: null });
    expect(cardPrice('room', { free: true, rates: [] }, null)).toEqual({ free: true, rates: [], uses: { kind: 'free' } });
    // Member prices show beside the public ones, and a member pays them on site.
    const member = cardPrice('desk-pool', { free: false, rates: [{ unit: 'day', priceCents: 2000, memberPriceCents: 1800, vatRateBasisPoints: 2000 }] }, { member: true, plan: null, carnet: null });
    expect(member).toEqual({ free: false, rates: [{ unit: 'day', priceCents: 2000, memberPriceCents: 1800 }], uses: { kind: 'on-site', unit: 'day', priceCents: 1800 } });
    expect(slug).toBeTruthy();
  });
});
