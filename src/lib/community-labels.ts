// Labels of the community's vocabularies for pages (server and browser).
import { m } from '$lib/paraglide/messages.js';

export const visibilityLabels = {
  private: m.community_visibility_private,
  members: m.community_visibility_members,
  public: m.community_visibility_public,
} as const;

export const amountLabels = {
  'under-1k': m.community_amount_under_1k,
  '1k-5k': m.community_amount_1k_5k,
  '5k-20k': m.community_amount_5k_20k,
  'over-20k': m.community_amount_over_20k,
} as const;

/** A language's name in the reader's language (ISO 639-1 code), from the browser's or Node's own tables. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
