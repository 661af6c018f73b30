import { describe, expect, it } from 'vitest';
import { inFrance } from './france.ts';

describe('inFrance', () => {
  it('holds metropolitan France, Corsica and the overseas départements', () => {
    const inside: [string, number, number][] = [
      ['Luzech', 44.4794, 1.2886],
      ['Dunkerque', 51.034, 2.377],
      ['Brest', 48.39, -4.486],
      ['Strasbourg', 48.573, 7.752],
      ['Perpignan', 42.699, 2.895],
      ['Ajaccio', 41.919, 8.738],
      ['Bonifacio', 41.387, 9.159],
      ['Pointe-à-Pitre', 16.241, -61.533],
      ['Fort-de-France', 14.616, -61.059],
      ['Cayenne', 4.922, -52.313],
      ['Saint-Denis (La Réunion)', -20.882, 55.451],
      ['Mamoudzou', -12.78, 45.228],
    ];
    for (const [name, lat, lon] of inside) expect(inFrance(lat, lon), name).toBe(true);
  });

  it('leaves out what lies far from it, and a swapped LAT,LON', () => {
    const outside: [string, number, number][] = [
      ['Barcelona', 41.39, 2.17],
      ['London', 51.507, -0.128],
      ['Rome', 41.9, 12.5],
      ['Luzech swapped', 1.2886, 44.4794],
      ['Null Island', 0, 0],
      ['Montréal', 45.5, -73.57],
    ];
    for (const [name, lat, lon] of outside) expect(inFrance(lat, lon), name).toBe(false);
  });
});
