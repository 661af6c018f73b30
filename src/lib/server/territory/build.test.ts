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

  it('gives every commune finite coordinates and says where they come from', () => {
    for (const commune of rows.communes) {
      expect(Number.isFinite(commune.lat) && Number.isFinite(commune.lon), commune.code).toBe(true);
      expect(['geonames', 'estimated']).toContain(commune.coordinatesSource);
    }
    const located = rows.communes.filter((c) => c.coordinatesSource === 'geonames').length;
    expect(located).toBeGreaterThan(8000);
  });

  it('places communes inside their part of the world', () => {
    const lyon = byCode.get('69123')!;
    expect(lyon.lat).toBeCloseTo(45.76, 1);
    expect(byCode.get('13019')!.coordinatesSource).toBe('geonames');
    // Mayotte: GeoNames keeps the INSEE code in another field.
    expect(byCode.get('97611')!.coordinatesSource).toBe('geonames');
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
