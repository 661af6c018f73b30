import { foldWords } from './territory/search-name.ts';

/**
 * `Make it Marseille` → `make-it-marseille`: the folded words joined by hyphens, cut between words so that it
 * holds in `maxLength` characters; '' when no word is left. Places and organizations name their pages with it.
 */
export function slugify(value: string, maxLength: number): string {
  let slug = '';
  for (const word of foldWords(value).map((w) => w.replace(/[^a-z0-9]/g, '')).filter(Boolean)) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  return slug;
}
