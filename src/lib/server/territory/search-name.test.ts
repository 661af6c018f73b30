import { describe, expect, it } from 'vitest';
import { foldName, searchPrefixes } from './search-name.ts';

describe('foldName', () => {
  it.each([
    ['Cabriès', 'cabries'],
    ['Saint-Étienne', 'saint etienne'],
    ['ST ETIENNE', 'saint etienne'],
    ['Ste-Marie-de-Gosse', 'sainte marie de gosse'],
    ["L'Haÿ-les-Roses", 'l hay les roses'],
    ['Œuilly', 'oeuilly'],
    ['  Marseille   1er   Arrondissement ', 'marseille 1er arrondissement'],
    ['Stenay', 'stenay'],
  ])('folds %s to %s', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });
});

describe('searchPrefixes', () => {
  it('reads a trailing st both as a start of a name and as saint', () => {
    expect(searchPrefixes('st')).toEqual(['st', 'saint']);
  });
  it('expands st/ste before the last word', () => {
    expect(searchPrefixes('st-et')).toEqual(['saint et']);
    expect(searchPrefixes('Ste Mar')).toEqual(['sainte mar']);
  });
  it('returns nothing for a query with no letters or digits', () => {
    expect(searchPrefixes(" -' ")).toEqual([]);
  });
});
