import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import type { Database } from '../db/index.ts';
import { distanceKm } from '../geo/index.ts';
import { getCommune } from '../territory/index.ts';
import { generateSyntheticPlaces } from './demo.ts';
import { placesOfArea } from './areas.ts';
import { nearestPlaces, searchPlaces, type PlaceSearch } from './search.ts';
import { createPlace, setPlacePrices } from './writes.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';

let database: Database;
const db = () => database.db;

// Six places: five listed by default (one is closed), plus synthetic ones that never are.
const FIXTURE = [
  {
    name: 'Alpha Cowork',
    kind: 'coworking',
    communeCode: '13019', // Cabriès
    desks: 20,
    services: ['meeting-room', 'kitchen'],
    openingHours: 'Mo-Fr 09:00-18:00; Sa 09:00-12:00; PH off',
    dayPrice: 15,
  },
  {
    name: 'Beta Fablab',
    kind: 'fablab',
    communeCode: '13001', // Aix-en-Provence
    desks: 10,
    services: ['meeting-room', 'fablab-tools'],
    openingHours: 'Mo-Fr 10:00-19:00',
    dayPrice: 25,
  },
  {
    name: 'Gamma Télécentre',
    kind: 'telecentre',
    communeCode: '13201', // Marseille 1er arrondissement (postal code 13001)
    lat: 43.2999,
    lon: 5.3841,
    desks: 40,
    services: ['meeting-room', 'printer'],
    openingHours: 'Tu-Sa 09:00-17:00',
    dayPrice: 12,
  },
  {
    name: 'Delta Projet',
    kind: 'coworking',
    communeCode: '46182', // Luzech
    status: 'project',
    desks: 8,
  },
  {
    name: 'Epsilon Fermé',
    kind: 'coworking',
    communeCode: '13032', // Éguilles
    status: 'closed',
    dayPrice: 10,
    services: ['meeting-room'],
    openingHours: 'Mo-Su 08:00-20:00',
  },
  {
    name: 'Zêta Espace',
    kind: 'tiers-lieu',
    communeCode: '69123', // Lyon
    services: ['event-space'],
    openingHours: '24/7',
    dayPrice: 0,
    descriptionFr: "Un lieu d'écologie pratique et de réparation.",
  },
] as const;

beforeAll(async () => {
  database = await createTestDatabase();
  for (const { dayPrice, ...input } of FIXTURE.map((place) => ({ dayPrice: undefined, ...place }))) {
    const place = await createPlace(db(), input);
    // A day's price is the place's day-pass offer, written to the place as the booking domain does.
    if (dayPrice !== undefined) await setPlacePrices(db(), place.id, { dayPriceCents: dayPrice * 100, halfDayPriceCents: null, monthPriceCents: null, carnet10PriceCents: null });
  }
  await generateSyntheticPlaces(db(), 40, 7);
});
afterAll(() => database?.close());

const names = async (search: PlaceSearch) => (await searchPlaces(db(), search)).items.map((item) => item.name);


describe('searchPlaces', () => {
  it('lists open places and projects by name, never closed or synthetic ones unless asked', async () => {
    const result = await searchPlaces(db());
    expect(result.items.map((i) => i.name)).toEqual(['Alpha Cowork', 'Beta Fablab', 'Delta Projet', 'Gamma Télécentre', 'Zêta Espace']);
    expect(result).toMatchObject({ total: 5, page: 1, perPage: 20, near: null });
    const alpha = result.items[0]!;
    expect(Object.keys(alpha).sort()).toEqual(
      ['communeCode', 'communeName', 'coordinatesExact', 'dayPrice', 'desks', 'id', 'kind', 'lat', 'lon', 'name', 'openDays', 'services', 'slug', 'status'].sort(),
    );
    expect(alpha).toMatchObject({ communeCode: '13019', communeName: 'Cabriès', dayPrice: 15, desks: 20, status: 'open', coordinatesExact: false });
    expect(await names({ status: 'closed' })).toEqual(['Epsilon Fermé']);
    expect(await names({ status: ['open', 'closed'] })).toEqual(['Alpha Cowork', 'Beta Fablab', 'Epsilon Fermé', 'Gamma Télécentre', 'Zêta Espace']);
    const withSynthetic = await searchPlaces(db(), { includeSynthetic: true, perPage: 100 });
    expect(withSynthetic.total).toBeGreaterThan(5);
    expect(withSynthetic.items.filter((i) => i.name.includes('synthétique')).length).toBe(withSynthetic.total - 5);
  });

  it('searches words of the name, the description and the commune, whatever the accents and case', async () => {
    expect(await names({ q: 'telecentre' })).toEqual(['Gamma Télécentre']);
    expect(await names({ q: 'TÉLÉC' })).toEqual(['Gamma Télécentre']);
    expect(await names({ q: 'cabr' })).toEqual(['Alpha Cowork']);
    expect(await names({ q: 'ecolo' })).toEqual(['Zêta Espace']);
    expect(await names({ q: 'alpha cow' })).toEqual(['Alpha Cowork']);
    expect(await names({ q: 'alpha fablab' })).toEqual([]);
    expect(await names({ q: 'zzzz' })).toEqual([]);
    // Nothing searchable in the text: no text filter.
    expect((await searchPlaces(db(), { q: '!!! ' })).total).toBe(5);
    // Characters that mean something to to_tsquery are just separators.
    expect(await names({ q: "alpha & | ! ( ) : * '" })).toEqual(['Alpha Cowork']);
  });

  it('filters by commune (with its arrondissements), postal code, EPCI and département', async () => {
    expect(await names({ commune: '13055' })).toEqual(['Gamma Télécentre']);
    expect(await names({ commune: '13201' })).toEqual(['Gamma Télécentre']);
    expect(await names({ commune: '13019' })).toEqual(['Alpha Cowork']);
    // 13001 is the postal code of Marseille 1er, and the INSEE code of Aix-en-Provence.
    expect(await names({ postalCode: '13001' })).toEqual(['Gamma Télécentre']);
    expect(await names({ commune: '13001' })).toEqual(['Beta Fablab']);
    expect(await names({ postalCode: '13480' })).toEqual(['Alpha Cowork']);
    expect(await names({ epci: '200054807' })).toEqual(['Alpha Cowork', 'Beta Fablab', 'Gamma Télécentre']);
    expect(await names({ departement: '13' })).toEqual(['Alpha Cowork', 'Beta Fablab', 'Gamma Télécentre']);
    expect(await names({ departement: '46' })).toEqual(['Delta Projet']);
  });

  it('filters by kind, services (all of them), maximum day price and weekday', async () => {
    expect(await names({ kind: 'fablab' })).toEqual(['Beta Fablab']);
    expect(await names({ kind: ['fablab', 'telecentre'] })).toEqual(['Beta Fablab', 'Gamma Télécentre']);
    expect(await names({ services: ['meeting-room'] })).toEqual(['Alpha Cowork', 'Beta Fablab', 'Gamma Télécentre']);
    expect(await names({ services: ['meeting-room', 'kitchen'] })).toEqual(['Alpha Cowork']);
    // A place without a known day price is left out; a free one is kept.
    expect(await names({ maxDayPrice: 15 })).toEqual(['Alpha Cowork', 'Gamma Télécentre', 'Zêta Espace']);
    expect(await names({ maxDayPrice: 12.5 })).toEqual(['Gamma Télécentre', 'Zêta Espace']);
    expect(await names({ openOn: 'sa' })).toEqual(['Alpha Cowork', 'Gamma Télécentre', 'Zêta Espace']);
    expect(await names({ openOn: 'mo' })).toEqual(['Alpha Cowork', 'Beta Fablab', 'Zêta Espace']);
    expect(await names({ openOn: 'su' })).toEqual(['Zêta Espace']);
  });

  it('searches around a commune or a point within a radius, nearest first, with the distance', async () => {
    const cabries = await getCommune(db(), '13019');
    const around = await searchPlaces(db(), { near: { code: '13019' } });
    expect(around.near).toMatchObject({ lat: cabries.lat, lon: cabries.lon, radiusKm: 30, commune: { code: '13019', name: 'Cabriès' } });
    expect(around.items.map((i) => i.name)).toEqual(['Alpha Cowork', 'Beta Fablab', 'Gamma Télécentre']);
    const distances = around.items.map((i) => i.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const item of around.items) {
      expect(item.distanceKm!).toBeCloseTo(distanceKm(cabries, item), 1);
      expect(item.distanceKm!).toBeLessThanOrEqual(30);
    }
    expect(await names({ near: { code: '13019' }, radiusKm: 5 })).toEqual(['Alpha Cowork']);
    expect(await names({ near: { lat: 45.76, lon: 4.84 }, radiusKm: 10 })).toEqual(['Zêta Espace']);
    // Cabriès to Lyon is about 280 km, to Luzech about 350.
    expect(await names({ near: { code: '13019' }, radiusKm: 500 })).toEqual(['Alpha Cowork', 'Beta Fablab', 'Gamma Télécentre', 'Zêta Espace', 'Delta Projet']);
    expect(await names({ near: { code: '13019' }, radiusKm: 300 })).toEqual(['Alpha Cowork', 'Beta Fablab', 'Gamma Télécentre', 'Zêta Espace']);
    // Without near, no distance.
    expect((await searchPlaces(db())).items[0]!.distanceKm).toBeUndefined();
  });

  it('combines filters: within 30 km of Cabriès, with a meeting room, open on Saturday', async () => {
    expect(await names({ near: { code: '13019' }, radiusKm: 30, services: ['meeting-room'], openOn: 'sa' })).toEqual(['Alpha Cowork', 'Gamma Télécentre']);
    expect(await names({ q: 'gamma', departement: '13', kind: 'telecentre', maxDayPrice: 20, openOn: 'tu' })).toEqual(['Gamma Télécentre']);
    expect(await names({ q: 'gamma', openOn: 'mo' })).toEqual([]);
  });

  it('paginates with a total that counts every match', async () => {
    const all = await names({ includeSynthetic: true, perPage: 100 });
    const pages: string[] = [];
    for (let page = 1; page <= Math.ceil(all.length / 7); page++) {
      const result = await searchPlaces(db(), { includeSynthetic: true, perPage: 7, page });
      expect(result.total).toBe(all.length);
      pages.push(...result.items.map((i) => i.name));
    }
    expect(pages).toEqual(all);
    const beyond = await searchPlaces(db(), { perPage: 2, page: 4 });
    expect(beyond).toMatchObject({ items: [], total: 5 });
    const last = await searchPlaces(db(), { perPage: 2, page: 3 });
    expect(last.items.map((i) => i.name)).toEqual(['Zêta Espace']);
    // With a text or attribute filter (matches collected, counted and sorted at once): the same guarantees.
    const matching = await names({ q: 'synthetique', includeSynthetic: true, perPage: 100 });
    expect(matching.length).toBeGreaterThan(20);
    const matchingPages: string[] = [];
    for (let page = 1; page <= Math.ceil(matching.length / 9); page++) {
      const result = await searchPlaces(db(), { q: 'synthetique', includeSynthetic: true, perPage: 9, page });
      expect(result.total).toBe(matching.length);
      matchingPages.push(...result.items.map((i) => i.name));
    }
    expect(matchingPages).toEqual(matching);
    expect(await searchPlaces(db(), { kind: 'coworking', perPage: 1, page: 50 })).toMatchObject({ items: [], total: 2 });
    // Around a point too: pages follow the distance order.
    const near = await searchPlaces(db(), { near: { code: '13019' }, perPage: 2, page: 2 });
    expect(near.items.map((i) => i.name)).toEqual(['Gamma Télécentre']);
    expect(near.total).toBe(3);
  });

  it('refuses a radius, page or filter out of bounds', async () => {
    for (const radiusKm of [0, -1, 500.5, 100_000, Number.NaN]) {
      const error = await domainRejection(searchPlaces(db(), { near: { code: '13019' }, radiusKm }));
      expect([error.kind, error.code], String(radiusKm)).toEqual(['invalid', 'radius_invalid']);
    }
    expect((await domainRejection(searchPlaces(db(), { page: 0 }))).code).toBe('place_page_invalid');
    expect((await domainRejection(searchPlaces(db(), { perPage: 0 }))).code).toBe('place_per_page_invalid');
    expect((await domainRejection(searchPlaces(db(), { perPage: 101 }))).code).toBe('place_per_page_invalid');
    expect((await domainRejection(searchPlaces(db(), { maxDayPrice: -1 }))).code).toBe('place_max_day_price_invalid');
    expect((await domainRejection(searchPlaces(db(), { near: { code: '99999' } }))).code).toBe('location_commune_unknown');
    expect((await domainRejection(searchPlaces(db(), { near: { lat: 91, lon: 0 } }))).code).toBe('near_out_of_range');
    expect((await domainRejection(searchPlaces(db(), { q: 'x'.repeat(101) }))).code).toBe('query_too_long');
    expect((await domainRejection(searchPlaces(db(), { kind: 'bar' as never }))).code).toBe('place_kind_invalid');
    expect((await domainRejection(searchPlaces(db(), { services: ['sauna' as never] }))).code).toBe('place_service_unknown');
    expect((await domainRejection(searchPlaces(db(), { openOn: 'xx' as never }))).code).toBe('place_weekday_invalid');
    expect((await domainRejection(searchPlaces(db(), { status: [] }))).code).toBe('place_status_invalid');
  });
});

describe('nearestPlaces', () => {
  it('lists the other places nearest to a place within 100 km, nearest first', async () => {
    // Zêta Espace, in Lyon, is some 280 km away: not "nearby".
    const nearest = await nearestPlaces(db(), 'alpha-cowork', 3);
    expect(nearest.map((i) => i.name)).toEqual(['Beta Fablab', 'Gamma Télécentre']);
    expect(nearest[0]!.distanceKm).toBeGreaterThan(0);
    expect(nearest.map((i) => i.distanceKm)).toEqual(nearest.map((i) => i.distanceKm).sort((a, b) => a! - b!));
    expect(nearest.every((i) => i.distanceKm! <= 100)).toBe(true);
    expect(nearest.some((i) => i.status === 'closed')).toBe(false);
    expect((await nearestPlaces(db(), 'alpha-cowork', 3, { withinKm: 500 })).map((i) => i.name)).toEqual(['Beta Fablab', 'Gamma Télécentre', 'Zêta Espace']);
    // Luzech: no other place within 100 km, none listed (the page says so).
    expect(await nearestPlaces(db(), 'delta-projet', 5)).toEqual([]);
    const withSynthetic = await nearestPlaces(db(), 'alpha-cowork', 50, { includeSynthetic: true, withinKm: 500 });
    expect(withSynthetic.some((i) => i.name.includes('synthétique'))).toBe(true);
    expect((await domainRejection(nearestPlaces(db(), 'nowhere'))).code).toBe('place_not_found');
  });
});

describe('placesOfArea', () => {
  it('counts the desks of a commune with its arrondissements, per 10,000 inhabitants', async () => {
    const marseille = await placesOfArea(db(), { commune: '13055' });
    const population = (await getCommune(db(), '13055')).population;
    expect(marseille.area).toEqual({ kind: 'commune', code: '13055', name: 'Marseille', population });
    expect(marseille.places.map((p) => p.name)).toEqual(['Gamma Télécentre']);
    expect(marseille.desks).toBe(40);
    expect(marseille.seatsPer10000).toBeCloseTo((40 * 10_000) / population, 2);
    expect(marseille.largestCommunes).toBeNull();
  });

  it('gives the share of desks held by the two largest communes of an EPCI or a département', async () => {
    for (const area of [{ epci: '200054807' }, { departement: '13' }] as const) {
      const result = await placesOfArea(db(), area);
      expect(result.places.map((p) => p.name)).toEqual(['Alpha Cowork', 'Beta Fablab', 'Gamma Télécentre']);
      expect(result.desks).toBe(70);
      expect(result.openPlaces).toBe(3);
      expect(result.largestCommunes!.communes.map((c) => c.name)).toEqual(['Marseille', 'Aix-en-Provence']);
      expect(result.largestCommunes!.communes.map((c) => c.desks)).toEqual([40, 10]);
      expect(result.largestCommunes!.share).toBeCloseTo(50 / 70, 6);
      expect(result.seatsPer10000).toBeCloseTo((70 * 10_000) / result.area.population, 2);
    }
  });

  it("counts a project's planned desks apart, and answers not found for an unknown area", async () => {
    const lot = await placesOfArea(db(), { departement: '46' });
    expect(lot).toMatchObject({ desks: 0, openPlaces: 0, projects: 1, seatsPer10000: 0 });
    expect(lot.largestCommunes!.share).toBeNull();
    expect((await domainRejection(placesOfArea(db(), { commune: '99999' }))).code).toBe('commune_not_found');
    expect((await domainRejection(placesOfArea(db(), { epci: '000000000' }))).code).toBe('epci_not_found');
    expect((await domainRejection(placesOfArea(db(), { departement: '00' }))).code).toBe('departement_not_found');
  });
});
