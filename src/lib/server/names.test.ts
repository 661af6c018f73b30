import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { hasHiddenCharacters, plainName } from './names.ts';

describe('plainName', () => {
  const name = plainName(z.string().trim(), 'name_invalid');

  it.each([
    ['a bell', 'Camille\u0007'],
    ['a delete', 'Camille\u007f'],
    ['a C1 control', 'Camille\u0085'],
    ['a tab', 'Camille\tFabre'],
    ['a right-to-left override', 'Camille \u202egnp.exe'],
    ['a left-to-right embedding', '\u202aCamille'],
    ['a pop directional formatting', 'Camille\u202c'],
    ['a left-to-right isolate', '\u2066Camille'],
    ['a right-to-left isolate', '\u2067Camille'],
    ['a first-strong isolate', '\u2068Camille'],
    ['a pop directional isolate', 'Camille\u2069'],
    ['a left-to-right mark', 'Camille\u200e'],
    ['a right-to-left mark', 'Camille\u200f'],
    ['an Arabic letter mark', 'Camille\u061c'],
    ['a line separator', 'Camille\u2028Fabre'],
  ])('refuses %s', (_label, value) => {
    expect(hasHiddenCharacters(value)).toBe(true);
    expect(name.safeParse(value).error?.issues[0]?.message).toBe('name_invalid');
  });

  it.each(['Camille Fabre', 'Élise d’Arcy-Lefèvre', 'محمد الأمين', 'דוד כהן', '王小明', 'Zoë 👩‍💻'])('accepts %s', (value) => {
    expect(name.parse(value)).toBe(value);
  });
});
