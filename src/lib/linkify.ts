/** A piece of plain text, or a web address in it (`href`). */
export interface TextPart {
  text: string;
  href?: string;
}

const WEB_ADDRESS = /https?:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than an address. */
const TRAILING = /[.,;:!?)\]»]+$/;

/**
 * Plain text cut into text and web addresses, so that a page can make the addresses links (http and https
 * only) and leave the rest as text, escaped by the template.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const href = match[0].replace(TRAILING, '');
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: href, href });
    last = match.index + href.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
