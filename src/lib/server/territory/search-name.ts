/**
 * Folds a place name for matching: no accents or case, ligatures spelt out, hyphens, apostrophes and
 * spaces as one space, and `st`/`ste` read as `saint`/`sainte`.
 * "Saint-Étienne", "st etienne" and "ST-ETIENNE" all fold to "saint etienne".
 */
export function foldName(text: string): string {
  return foldWords(text)
    .map((token) => SAINTS[token] ?? token)
    .join(' ');
}

const SAINTS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

/** The words of a text without accents or case, ligatures spelt out; shared by every search of the app. */
export function foldWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The prefixes a typed query may stand for. The last word may be unfinished, so a trailing `st`
 * is both the start of "Strasbourg" and the abbreviation of "Saint".
 */
export function searchPrefixes(query: string): string[] {
  const tokens = foldWords(query);
  if (tokens.length === 0) return [];
  const head = tokens.slice(0, -1).map((token) => SAINTS[token] ?? token);
  const last = tokens[tokens.length - 1]!;
  const variants = new Set([last, SAINTS[last] ?? last]);
  return [...variants].map((variant) => [...head, variant].join(' '));
}
