import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { ANONYMOUS, createOrganization, type Accounts } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { createPlace } from '../places/index.ts';
import { createOffer, createResource, listOffers, listResources, managedPlace, managedPlaces, setResourceActive, updateSettings, withdrawOffer } from './manage.ts';

let database: Database;
let accounts: Accounts;
let owner: SignedIn;
let placeId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
  owner = await signedUpPerson(accounts);
  const organization = await createOrganization(owner.ctx, { name: `Tiers-lieu ${Date.now()}`, kind: 'operator' });
  owner = await refreshed(accounts, owner);
  placeId = (await createPlace(accounts.db, { name: 'La Grange', kind: 'tiers-lieu', communeCode: '46182', operatorOrganizationId: organization.id })).id;
});
afterAll(() => database?.close());

describe('the console’s forms', () => {
  it('a malformed resource or offer id is not found, never a database error', async () => {
    const ctx = { db: accounts.db, actor: owner.ctx.actor };
    expect(await domainRejection(setResourceActive(ctx, 'not-a-uuid', false))).toMatchObject({ kind: 'not_found', code: 'booking_resource_not_found' });
    expect(await domainRejection(withdrawOffer(ctx, "1' or '1'='1"))).toMatchObject({ kind: 'not_found', code: 'booking_offer_not_found' });
    const desks = await createResource(ctx, placeId, { kind: 'desk-pool', name: 'Atelier', capacity: '4' });
    await setResourceActive(ctx, desks.id, false);
    const place = await managedPlace(ctx, placeId);
    expect((await listResources(ctx, place)).find((r) => r.id === desks.id)?.active).toBe(false);
    const offer = await createOffer(ctx, placeId, { kind: 'day-pass', name: 'Journée', price: '12,5' });
    await withdrawOffer(ctx, offer.id);
    expect(await listOffers(ctx, place)).toEqual([]);
  });

  it('the half-day split stays between 01:00 and 23:00, as the table requires', async () => {
    const ctx = { db: accounts.db, actor: owner.ctx.actor };
    for (const halfDaySplit of ['00:30', '23:15', '24:00', '13h']) {
      expect(await domainRejection(updateSettings(ctx, placeId, { cancelNoticeHours: '24', halfDaySplit })), halfDaySplit).toMatchObject({ kind: 'invalid', code: 'invalid_input' });
    }
    expect((await domainRejection(updateSettings(ctx, placeId, { cancelNoticeHours: '24', halfDaySplit: '00:30' }))).issues).toEqual([
      { path: 'halfDaySplit', message: 'booking_split_invalid' },
    ]);
    await updateSettings(ctx, placeId, { cancelNoticeHours: '48', halfDaySplit: '12:30' });
    expect(await managedPlace(ctx, placeId)).toMatchObject({ cancelNoticeHours: 48, halfDaySplitMinute: 750 });
  });

  it('lists the places whose bookings the actor runs, for links to their consoles', async () => {
    expect(await managedPlaces({ db: accounts.db, actor: owner.ctx.actor })).toEqual([{ slug: expect.stringMatching(/^la-grange/), name: 'La Grange' }]);
    expect(await managedPlaces({ db: accounts.db, actor: (await signedUpPerson(accounts)).ctx.actor })).toEqual([]);
    expect(await managedPlaces({ db: accounts.db, actor: ANONYMOUS })).toEqual([]);
  });
});
