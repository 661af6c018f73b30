import { describe, expect, it } from 'vitest';
import { buildTerritory } from './build.ts';
import { readTerritorySources } from './sources.ts';

const sources = readTerritorySources();
const rows = buildTerritory(sources);
const byCode = new Map(rows.communes.map((c) => [c.code, c]));

describe('buildTerritory', () => {
  it('keeps every current commune of metropolitan France and the overseas departments, and the 45 arrondissements', () => {
    const expected = sources.communes.filter(
      (c) => c.type === 'commune-actuelle' && (c.zone === 'metro' || c.zone === 'drom'),
    ).length;
    expect(rows.communes.filter((c) => c.kind === 'commune')).toHaveLength(expected);
    expect(rows.communes.filter((c) => c.kind === 'arrondissement')).toHaveLength(45);
    expect(sources.cogYear).toBe('2026');
  });

  it('gives every commune its official centre; the arrondissements, which the official file lacks, GeoNames or an estimate', () => {
    for (const commune of rows.communes) {
      expect(Number.isFinite(commune.lat) && Number.isFinite(commune.lon), commune.code).toBe(true);
      if (commune.kind === 'commune') expect(commune.coordinatesSource, commune.code).toBe('official');
      else expect(['geonames', 'estimated'], commune.code).toContain(commune.coordinatesSource);
    }
    expect(sources.officialCentres).toHaveLength(34875);
    // Luzech, as geo.api.gouv.fr gives it ([lon, lat]).
    expect(byCode.get('46182')).toMatchObject({ lat: 44.4828, lon: 1.2716, coordinatesSource: 'official' });
  });

  it('gives communes sharing a postal code each their own point (no longer the estimate they shared)', () => {
    const luzechPostalCode = rows.communes.filter((c) => c.postalCodes.includes('46140'));
    expect(luzechPostalCode.length).toBeGreaterThan(5);
    expect(new Set(luzechPostalCode.map((c) => `${c.lat},${c.lon}`)).size).toBe(luzechPostalCode.length);
  });

  it('falls back on GeoNames, then on located neighbours, for a commune missing from the official file', () => {
    const without = (codes: string[]) =>
      buildTerritory({ ...sources, officialCentres: sources.officialCentres.filter((c) => !codes.includes(c.code)) });
    const fallback = new Map(without(['69123', '97611', '46182']).communes.map((c) => [c.code, c]));
    expect(fallback.get('69123')).toMatchObject({ coordinatesSource: 'geonames' });
    expect(fallback.get('69123')!.lat).toBeCloseTo(45.76, 1);
    // Mayotte: GeoNames keeps the INSEE code in another field.
    expect(fallback.get('97611')!.coordinatesSource).toBe('geonames');
    expect(fallback.get('97611')!.lat).toBeLessThan(-12);
    const noGeoNames = buildTerritory({
      ...sources,
      cities: sources.cities.filter((c) => c.muniSub !== '46182' && c.adminCode !== '46182'),
      officialCentres: sources.officialCentres.filter((c) => c.code !== '46182'),
    });
    const luzech = noGeoNames.communes.find((c) => c.code === '46182')!;
    expect(luzech.coordinatesSource).toBe('estimated');
    // The mean of the communes sharing its postal code: within a few km of its official centre.
    expect(Math.abs(luzech.lat - 44.4828)).toBeLessThan(0.1);
    expect(Math.abs(luzech.lon - 1.2716)).toBeLessThan(0.1);
  });

  it('places communes inside their part of the world', () => {
    const lyon = byCode.get('69123')!;
    expect(lyon.lat).toBeCloseTo(45.76, 1);
    expect(byCode.get('97611')!.lat).toBeLessThan(-12);
    // Marseille's arrondissements are matched by their GeoNames names.
    expect(byCode.get('13201')!.coordinatesSource).toBe('geonames');
    for (const commune of rows.communes.filter((c) => !c.code.startsWith('97'))) {
      expect(commune.lat, commune.code).toBeGreaterThan(41);
      expect(commune.lat, commune.code).toBeLessThan(51.2);
    }
  });

  it('links communes to their EPCI and arrondissements to their commune', () => {
    expect(byCode.get('46182')!.epciSiren).toBe('244600433');
    const arrondissement = byCode.get('75101')!;
    expect(arrondissement.parentCode).toBe('75056');
    expect(arrondissement.epciSiren).toBe(byCode.get('75056')!.epciSiren);
    const members = rows.communes.filter((c) => c.epciSiren === '244600433' && c.kind === 'commune');
    const epci = sources.epcis.find((e) => e.code === '244600433')!;
    expect(members.map((c) => c.code).sort()).toEqual(epci.membres.map((m) => m.code).sort());
  });

  it('lists every postal code of a commune once', () => {
    const keys = rows.postalCodes.map((p) => `${p.postalCode}|${p.communeCode}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.postalCodes.filter((p) => p.postalCode === '46140').length).toBeGreaterThan(5);
  });
});
