// How a protected count is displayed, on the server and in pages (surveys/suppression.ts decides which).

/** Below this, a count is not shown. */
export const SMALL_GROUP = 5;

/** What to display for one count: the number, "< 5" (a small group), or hidden to protect a small group. */
export type Shown = { kind: 'count'; value: number } | { kind: 'small' } | { kind: 'hidden' };

/** The figure as text: the number, "< 5", or "…" for a count hidden to protect a small one. */
export function shownText(shown: Shown, format: (value: number) => string = String): string {
  return shown.kind === 'count' ? format(shown.value) : shown.kind === 'small' ? `< ${SMALL_GROUP}` : '…';
}
