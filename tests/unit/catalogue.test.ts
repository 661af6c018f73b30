import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fr = JSON.parse(readFileSync('messages/fr.json', 'utf8')) as Record<string, string>;
const en = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, string>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'paraglide') return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const sources = files('src').filter((f) => /\.(ts|svelte)$/.test(f) && !f.endsWith('.test.ts'));
const text = sources.map((f) => readFileSync(f, 'utf8')).join('\n');

describe('i18n catalogue', () => {
  it('has the same keys in French and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, value] of [...Object.entries(fr), ...Object.entries(en)]) expect(value, key).not.toBe('');
  });

  it('has a message in both languages for every error code the code can raise', () => {
    const codes = new Set<string>();
    for (const match of text.matchAll(/\b(?:invalid|notFound|unauthenticated|forbidden|conflict|rateLimited|unsupportedMedia)\('([a-z_]+)'/g)) codes.add(match[1]!);
    for (const match of text.matchAll(/\berror: '([a-z_]+)'/g)) codes.add(match[1]!);
    for (const match of text.matchAll(/message: '([a-z_]+)'/g)) codes.add(match[1]!);
    expect(codes.size).toBeGreaterThan(15);
    for (const code of codes) {
      expect(fr, code).toHaveProperty(`error_${code}`);
      expect(en, code).toHaveProperty(`error_${code}`);
    }
  });

  it('has every message the pages use', () => {
    for (const match of text.matchAll(/\bm\.([a-z0-9_]+)\b/g)) expect(fr, match[1]).toHaveProperty(match[1]!);
  });
});
