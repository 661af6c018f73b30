import { describe, expect, it } from 'vitest';
import { mapTiles, PLAN_IGN_CREDIT, PLAN_IGN_URL } from './map-tiles.ts';

describe('mapTiles', () => {
  it('shows Plan IGN with its credit when nothing is configured', () => {
    expect(mapTiles(undefined, undefined)).toEqual({ url: PLAN_IGN_URL, credit: PLAN_IGN_CREDIT, creditUrl: 'https://www.ign.fr/' });
    expect(mapTiles('  ', 'ignored')?.url).toBe(PLAN_IGN_URL);
    expect(PLAN_IGN_URL).toContain('TILEMATRIX={z}&TILEROW={y}&TILECOL={x}');
  });

  it('turns the base map off with `none`', () => {
    expect(mapTiles('none', undefined)).toBeNull();
    expect(mapTiles('NONE', 'x')).toBeNull();
  });

  it('uses another template with its own credit, as text', () => {
    expect(mapTiles('https://tiles.example.org/{z}/{x}/{y}.png', '© Example')).toEqual({
      url: 'https://tiles.example.org/{z}/{x}/{y}.png',
      credit: '© Example',
      creditUrl: null,
    });
  });
});
