// The small-group rule every published count follows (surveys, impact reports): a count of 1 to 4 people is
// shown as "< 5", never as its value. Pure; what may be displayed is `Shown` ($lib/survey-shown.ts, shared
// with the pages).
import { SMALL_GROUP, type Shown } from '../survey-shown.ts';

export { SMALL_GROUP, shownText, type Shown } from '../survey-shown.ts';

/** A count of people too small to show (0 is shown: nobody is no one to protect). */
export const isSmall = (value: number) => value >= 1 && value < SMALL_GROUP;

/** A count to display, hidden (`hidden`, to protect a small one elsewhere) or not. */
export const shownOf = (value: number, hidden: boolean): Shown => (!hidden ? { kind: 'count', value } : isSmall(value) ? { kind: 'small' } : { kind: 'hidden' });

/** A display of a count alone (a headline figure, a commune on a map): "< 5" for 1 to 4. */
export const shownCount = (value: number): Shown => shownOf(value, isSmall(value));
