import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { queryRows, type Database } from '../db/index.ts';
import { getCommune } from '../territory/index.ts';
import { getPlace, findPlace, placeHistoryOf } from './service.ts';
import { createPlace, setPlacePrices, updatePlace } from './writes.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const db = () => database.db;


async function counts() {
  const [row] = await queryRows<{ places: number; history: number }>(
    db(),
    sql`select (select count(*) from places)::int as places, (select count(*) from place_history)::int as history`,
  );
  return row!;
}

describe('createPlace', () => {
  it("creates a place at its commune's point, said so, with a slug made from its name, and records it", async () => {
    const place = await createPlace(db(), { name: 'Le Quai des Possibles', kind: 'tiers-lieu', communeCode: '46182' }, { changedBy: 'admin' });
    const luzech = await getCommune(db(), '46182');
    expect(place.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(place.slug).toBe('le-quai-des-possibles');
    expect(place).toMatchObject({ lat: luzech.lat, lon: luzech.lon, coordinatesExact: false, status: 'open', services: [], languages: [] });
    expect(place.commune).toMatchObject({ code: '46182', name: 'Luzech', departement: '46' });
    expect(place.commune.epci?.code).toBe('244600433');
    const history = await placeHistoryOf(db(), place.id);
    expect(history).toHaveLength(1);
    expect(history[0]!.changedBy).toBe('admin');
    expect(history[0]!.changes.name).toEqual({ from: null, to: 'Le Quai des Possibles' });
  });

  it('keeps an exact point near the commune, with every field', async () => {
    const place = await createPlace(db(), {
      name: 'Atelier du Port',
      kind: 'fablab',
      communeCode: '13201',
      lat: 43.2965,
      lon: 5.3698,
      address: '1 quai du Port',
      desks: 8,
      surfaceM2: 120,
      internetMbps: 500,
      services: ['printer', 'fablab-tools', 'meeting-room', 'printer'],
      openingHours: 'Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off',
      operatorName: 'Association du Port',
      operatorKind: 'association',
      openedOn: '2019-09-01',
      status: 'open',
      contactEmail: 'bonjour@example.org',
      contactPhone: '+33 4 91 00 00 00',
      website: 'https://example.org/atelier',
      languages: ['fr', 'EN', 'fr'],
    });
    // Prices come from the place's offers: a new place has none.
    expect(place).toMatchObject({ lat: 43.2965, lon: 5.3698, coordinatesExact: true, dayPrice: null, carnet10Price: null });
    // Services in vocabulary order, each once; languages lower-cased, each once.
    expect(place.services).toEqual(['meeting-room', 'printer', 'fablab-tools']);
    expect(place.languages).toEqual(['fr', 'en']);
    expect(place.openDays).toEqual(['mo', 'tu', 'we', 'th', 'fr', 'sa']);
    expect(place.openingHoursSummary?.days[5]?.intervals).toEqual([{ from: '10:00', to: '13:00' }]);
    expect(place.openedOn).toBe('2019-09-01');
    // Prices in cents, written from the place's offers only.
    await setPlacePrices(db(), place.id, { dayPriceCents: 1250, halfDayPriceCents: 800, monthPriceCents: null, carnet10PriceCents: 11_000 });
    const [row] = await queryRows<{ day_price_cents: number }>(db(), sql`select day_price_cents from places where id = ${place.id}::uuid`);
    expect(row?.day_price_cents).toBe(1250);
    expect(await getPlace(db(), place.id)).toMatchObject({ dayPrice: 12.5, halfDayPrice: 8, monthPrice: null, carnet10Price: 110 });
  });

  it('stores markup in a description as text, unchanged', async () => {
    const description = '<script>alert("x")</script> & <b>gras</b>';
    const place = await createPlace(db(), { name: 'Balises', kind: 'coworking', communeCode: '13019', descriptionFr: description });
    expect((await getPlace(db(), place.slug)).descriptionFr).toBe(description);
  });

  it('gives a second place of the same name a slug with its commune, then a number', async () => {
    const first = await createPlace(db(), { name: 'Coworking Central', kind: 'coworking', communeCode: '13019' });
    const second = await createPlace(db(), { name: 'Coworking Central', kind: 'coworking', communeCode: '13019' });
    const third = await createPlace(db(), { name: 'Coworking Central', kind: 'coworking', communeCode: '13019' });
    expect([first.slug, second.slug, third.slug]).toEqual(['coworking-central', 'coworking-central-cabries', 'coworking-central-cabries-2']);
  });

  it('refuses a slug already taken (409) or malformed', async () => {
    await createPlace(db(), { name: 'Slug pris', slug: 'slug-pris', kind: 'coworking', communeCode: '13019' });
    const taken = await domainRejection(createPlace(db(), { name: 'Autre', slug: 'slug-pris', kind: 'coworking', communeCode: '13019' }));
    expect([taken.kind, taken.code]).toEqual(['conflict', 'place_slug_taken']);
    for (const slug of ['Avec espace', 'accentué', '-tiret', '0f8fad5b-d9cb-469f-a165-70867728950e']) {
      const error = await domainRejection(createPlace(db(), { name: 'X', slug, kind: 'coworking', communeCode: '13019' }));
      expect(error.code, slug).toBe('place_slug_invalid');
    }
  });

  it('refuses bad input with the code of the field, and writes nothing', async () => {
    const before = await counts();
    const base = { name: 'Refusé', kind: 'coworking', communeCode: '13019' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, communeCode: '99999' }, 'place_commune_unknown'],
      [{ ...base, communeCode: 'abc' }, 'commune_code_format'],
      // The offers are the prices: none is typed into the place.
      [{ ...base, dayPrice: 12 }, 'place_prices_from_offers'],
      [{ ...base, monthPrice: null }, 'place_prices_from_offers'],
      [{ ...base, desks: -3 }, 'place_desks_invalid'],
      [{ ...base, desks: 2.5 }, 'place_desks_invalid'],
      [{ ...base, surfaceM2: -1 }, 'place_surface_invalid'],
      [{ ...base, openingHours: 'lundi au vendredi' }, 'place_opening_hours_invalid'],
      [{ ...base, kind: 'bar' }, 'place_kind_invalid'],
      [{ ...base, status: 'maybe' }, 'place_status_invalid'],
      [{ ...base, services: ['sauna'] }, 'place_service_unknown'],
      [{ ...base, languages: ['français'] }, 'place_language_invalid'],
      [{ ...base, contactEmail: 'pas-un-courriel' }, 'place_email_invalid'],
      [{ ...base, website: 'javascript:alert(1)' }, 'place_website_invalid'],
      [{ ...base, contactPhone: 'appelez-nous' }, 'place_phone_invalid'],
      [{ ...base, openedOn: '2019-02-30' }, 'place_opened_on_invalid'],
      [{ ...base, name: '   ' }, 'place_name_required'],
      [{ ...base, descriptionFr: 'nul \u0000 ici' }, 'place_text_invalid'],
      // LAT,LON swapped: in the Gulf of Guinea, outside France.
      [{ ...base, lat: 5.3, lon: 43.4 }, 'place_coordinates_outside_france'],
      // In France, but in Paris: a typo, 640 km from Cabriès.
      [{ ...base, lat: 48.85, lon: 2.35 }, 'place_coordinates_far_from_commune'],
      // Barcelona: abroad is said before distance.
      [{ ...base, lat: 41.39, lon: 2.17 }, 'place_coordinates_outside_france'],
      [{ ...base, lat: 95, lon: 5 }, 'place_coordinates_invalid'],
      [{ ...base, lat: 43.4 }, 'place_coordinates_incomplete'],
      [{ ...base, coordinatesExact: true }, 'place_coordinates_incomplete'],
    ];
    for (const [input, code] of cases) {
      const error = await domainRejection(createPlace(db(), input));
      expect([error.kind, error.code], JSON.stringify(input)).toEqual(['invalid', code]);
      expect(error.issues.length).toBeGreaterThan(0);
    }
    const hours = await domainRejection(createPlace(db(), { ...base, openingHours: 'Mo-Fr 25:00-26:00' }));
    expect(hours.params.reason).toEqual(expect.any(String));
    expect(String(hours.params.reason).length).toBeGreaterThan(0);
    const several = await domainRejection(createPlace(db(), { ...base, dayPrice: 12, desks: -1 }));
    expect(several.code).toBe('invalid_input');
    expect(several.issues.map((i) => [i.path, i.message]).sort()).toEqual([
      ['dayPrice', 'place_prices_from_offers'],
      ['desks', 'place_desks_invalid'],
    ]);
    const unknownField = await domainRejection(createPlace(db(), { ...base, colour: 'red' }));
    expect(unknownField.kind).toBe('invalid');
    expect(await counts()).toEqual(before);
  });
});

describe('updatePlace', () => {
  it('changes the given fields only and records each change with its values before and after', async () => {
    const place = await createPlace(db(), {
      name: 'La Fabrique',
      kind: 'coworking',
      communeCode: '13032',
      surfaceM2: 150,
      services: ['kitchen'],
      desks: 10,
    });
    const updated = await updatePlace(db(), place.slug, { surfaceM2: 180, services: ['kitchen', 'meeting-room'], address: null }, { changedBy: 'operator' });
    expect(updated).toMatchObject({ surfaceM2: 180, services: ['meeting-room', 'kitchen'], desks: 10, name: 'La Fabrique' });
    expect(updated.updatedAt > place.updatedAt || updated.updatedAt !== place.updatedAt).toBe(true);
    const [latest] = await placeHistoryOf(db(), place.id);
    expect(latest!.changedBy).toBe('operator');
    expect(latest!.changes).toEqual({
      services: { from: ['kitchen'], to: ['meeting-room', 'kitchen'] },
      surfaceM2: { from: 150, to: 180 },
    });
  });

  it('writes nothing for a patch that changes nothing', async () => {
    const place = await createPlace(db(), { name: 'Sans Changement', kind: 'coworking', communeCode: '13032', desks: 10 });
    const before = await counts();
    const same = await updatePlace(db(), place.id, { desks: 10, name: 'Sans Changement', services: [] });
    expect(same.updatedAt).toBe(place.updatedAt);
    expect(await counts()).toEqual(before);
  });

  it('clears optional fields with null and moves an approximate place to its new commune', async () => {
    const place = await createPlace(db(), { name: 'Nomade', kind: 'coworking', communeCode: '13032', desks: 4, openingHours: 'Mo 09:00-12:00' });
    const moved = await updatePlace(db(), place.id, { communeCode: '46182', desks: null, openingHours: null });
    const luzech = await getCommune(db(), '46182');
    expect(moved).toMatchObject({ communeCode: '46182', lat: luzech.lat, lon: luzech.lon, coordinatesExact: false, desks: null, openingHours: null, openDays: [] });
    // An exact point, then back to the commune's point.
    const exact = await updatePlace(db(), place.id, { lat: 44.48, lon: 1.29 });
    expect(exact).toMatchObject({ lat: 44.48, lon: 1.29, coordinatesExact: true });
    const approximate = await updatePlace(db(), place.id, { coordinatesExact: false });
    expect(approximate).toMatchObject({ lat: luzech.lat, lon: luzech.lon, coordinatesExact: false });
  });

  it('refuses a stale edit (409) and bad values, changing nothing', async () => {
    const place = await createPlace(db(), { name: 'Concurrence', kind: 'coworking', communeCode: '13032', desks: 10 });
    await updatePlace(db(), place.id, { desks: 11 }, { expectedUpdatedAt: place.updatedAt });
    const stale = await domainRejection(updatePlace(db(), place.id, { desks: 12 }, { expectedUpdatedAt: place.updatedAt }));
    expect([stale.kind, stale.code]).toEqual(['conflict', 'place_update_conflict']);
    const bad = await domainRejection(updatePlace(db(), place.id, { desks: -5, openingHours: 'n importe quoi' }));
    expect(bad.code).toBe('invalid_input');
    expect((await getPlace(db(), place.id)).desks).toBe(11);
    const missing = await domainRejection(updatePlace(db(), 'nowhere-to-be-found', { desks: 1 }));
    expect([missing.kind, missing.code]).toEqual(['not_found', 'place_not_found']);
    const slugTaken = await createPlace(db(), { name: 'Occupé', kind: 'coworking', communeCode: '13032' });
    const conflict = await domainRejection(updatePlace(db(), place.id, { slug: slugTaken.slug }));
    expect(conflict.code).toBe('place_slug_taken');
  });
});

describe('getPlace', () => {
  it('finds a place by id or slug (case-insensitive) and answers place_not_found otherwise', async () => {
    const place = await createPlace(db(), { name: 'Trouvable', kind: 'telecentre', communeCode: '13019' });
    expect((await getPlace(db(), place.id)).slug).toBe('trouvable');
    expect((await getPlace(db(), 'TROUVABLE')).id).toBe(place.id);
    expect((await getPlace(db(), place.id.toUpperCase())).id).toBe(place.id);
    const error = await domainRejection(getPlace(db(), '00000000-0000-4000-8000-000000000000'));
    expect([error.kind, error.code]).toEqual(['not_found', 'place_not_found']);
    expect(await findPlace(db(), 'no-such-place')).toBeNull();
  });
});
