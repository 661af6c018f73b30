import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import type { Database } from '../db/index.ts';
import { DomainError } from '../errors.ts';
import { readTerritorySources } from './sources.ts';
import {
  chosenCommune,
  communesOf,
  resolveCommuneField,
  resolveCommuneText,
  getCommune,
  getEpci,
  nearestCommunes,
  searchCommunes,
  searchCommunesByName,
  searchCommunesByPostalCode,
} from './service.ts';
import { distanceKm } from '../geo/index.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const sources = readTerritorySources();

describe('search by name', () => {
  it('finds Cabriès from "cabries", first, with the package population', async () => {
    const [first] = await searchCommunesByName(database.db, 'cabries');
    expect(first?.code).toBe('13019');
    expect(first?.population).toBe(sources.communes.find((c) => c.code === '13019' && c.type === 'commune-actuelle')!.population);
    expect(first?.epci?.code).toBe('200054807');
  });

  it('treats st/ste as saint/sainte and hyphens as spaces', async () => {
    for (const query of ['st etienne', 'Saint-Étienne', 'SAINT ETIENNE', 'st-etienne']) {
      const [first] = await searchCommunesByName(database.db, query);
      expect(first?.code, query).toBe('42218');
    }
    const [sainte] = await searchCommunesByName(database.db, 'ste maxime');
    expect(sainte?.name).toBe('Sainte-Maxime');
  });

  it('matches prefixes and ranks by population, the exact name first', async () => {
    const results = await searchCommunesByName(database.db, 'marse', 10);
    expect(results[0]?.code).toBe('13055');
    const populations = results.slice(1).map((c) => c.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    const exact = await searchCommunesByName(database.db, 'paris', 3);
    expect(exact[0]?.code).toBe('75056');
    // "st" alone is also the start of Strasbourg.
    const st = await searchCommunesByName(database.db, 'st', 100);
    expect(st.map((c) => c.code)).toContain('67482');
  });

  it('returns nothing for a name that matches no commune', async () => {
    expect(await searchCommunesByName(database.db, 'zzzzqx')).toEqual([]);
  });
});

describe('search by postal code', () => {
  it('lists every commune of 46140', async () => {
    const expected = sources.communes
      .filter((c) => c.type === 'commune-actuelle' && c.codesPostaux?.includes('46140'))
      .map((c) => c.code)
      .sort();
    const results = await searchCommunesByPostalCode(database.db, '46140');
    expect(results.map((c) => c.code).sort()).toEqual(expected);
    for (const commune of results) expect(commune.postalCodes).toContain('46140');
  });

  it('includes the arrondissement that a city postal code serves', async () => {
    const codes = (await searchCommunesByPostalCode(database.db, '13001')).map((c) => c.code);
    expect(codes).toContain('13201');
  });
});

describe('nearest communes', () => {
  it('returns communes sorted by distance, with the distance', async () => {
    // Beside Cabriès's official centre (5.3467 E, 43.4530 N).
    const point = { lat: 43.455, lon: 5.35 };
    const results = await nearestCommunes(database.db, point, 10);
    expect(results).toHaveLength(10);
    expect(results[0]?.code).toBe('13019');
    const distances = results.map((c) => c.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const commune of results) {
      expect(commune.distanceKm!).toBeCloseTo(distanceKm(point, commune), 0);
    }
  });
});

describe('communes and groupings', () => {
  it('returns one commune by code, including Corsica', async () => {
    expect((await getCommune(database.db, '2A004')).name).toBe('Ajaccio');
  });

  it('throws a not-found DomainError for an unknown code', async () => {
    await expect(getCommune(database.db, '99999')).rejects.toMatchObject({ kind: 'not_found', code: 'commune_not_found' });
  });

  it('gives an EPCI its members and their total population', async () => {
    const epci = await getEpci(database.db, '244600433');
    expect(epci.name).toContain('Vallée du Lot et du Vignoble');
    expect(epci.members.length).toBeGreaterThan(10);
    expect(epci.population).toBe(epci.members.reduce((sum, c) => sum + c.population, 0));
    await expect(getEpci(database.db, '000000000')).rejects.toBeInstanceOf(DomainError);
  });

  it('lists the communes of a département and of a région', async () => {
    const lot = await communesOf(database.db, { departement: '46' });
    expect(lot.length).toBe(sources.communes.filter((c) => c.type === 'commune-actuelle' && c.departement === '46').length);
    expect(lot[0]?.code).toBe('46042'); // Cahors, the largest
    const corsica = await communesOf(database.db, { region: '94' });
    expect(new Set(corsica.map((c) => c.departement))).toEqual(new Set(['2A', '2B']));
  });

  it('refuses a limit outside 1..100', async () => {
    for (const limit of [0, -1, 101, 1.5]) {
      await expect(searchCommunes(database.db, { q: 'paris', limit })).rejects.toMatchObject({ code: 'limit_out_of_range' });
    }
  });
});

describe('commune fields', () => {
  it('reads a postal code, then asks which commune', async () => {
    const choice = await resolveCommuneText(database.db, '46140');
    expect(choice.selected).toBeNull();
    expect(choice.candidates.map((c) => c.code)).toContain('46182');
    expect(choice.candidates.every((c) => c.postalCodes.includes('46140'))).toBe(true);
  });

  it('selects a commune from its label, its exact name or its INSEE code', async () => {
    expect((await resolveCommuneText(database.db, 'Luzech (46140)')).selected?.code).toBe('46182');
    expect((await resolveCommuneText(database.db, 'cahors')).selected?.code).toBe('46042');
    expect((await resolveCommuneText(database.db, '2A004')).selected?.name).toBe('Ajaccio');
    expect(await resolveCommuneText(database.db, 'zzzzqx')).toEqual({ selected: null, candidates: [] });
  });

  it('keeps a chosen code while the text still designates it, and reads new text otherwise', async () => {
    expect((await resolveCommuneField(database.db, '46182', '46140')).selected?.code).toBe('46182');
    expect((await resolveCommuneField(database.db, '46182', 'Luzech (46140)')).selected?.code).toBe('46182');
    expect((await resolveCommuneField(database.db, '46182', 'Cahors')).selected?.code).toBe('46042');
    expect((await resolveCommuneField(database.db, 'not-a-code', '')).selected).toBeNull();
  });

  it('never settles a postal code serving several communes by itself: 46140 asks, and is not Laburgade (INSEE 46140)', async () => {
    const refusal = (await chosenCommune(database.db, '', '46140', 'homeCommuneCode').catch((e: unknown) => e)) as DomainError;
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.issues).toEqual([{ path: 'homeCommuneCode', message: 'commune_choose_one', params: { query: '46140' } }]);
    expect((await chosenCommune(database.db, '46182', '46140', 'homeCommuneCode'))?.name).toBe('Luzech');
    expect((await chosenCommune(database.db, '', 'Luzech', 'homeCommuneCode'))?.code).toBe('46182');
    expect((await chosenCommune(database.db, '46182', '', 'homeCommuneCode'))?.code).toBe('46182');
    expect(await chosenCommune(database.db, '', '  ', 'homeCommuneCode')).toBeNull();
    const unknown = (await chosenCommune(database.db, '', '99999', 'homeCommuneCode').catch((e: unknown) => e)) as DomainError;
    expect(unknown.issues[0]).toMatchObject({ path: 'homeCommuneCode', message: 'commune_no_match' });
  });
});
