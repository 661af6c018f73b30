import type { Shown } from '$lib/survey-shown';

/** A commune of the territory in the results: its respondents against its population. */
export interface RespondentsCommune {
  code: string;
  name: string;
  lat: number;
  lon: number;
  count: Shown;
  share: number | null;
  populationShare: number;
  ratio: number | null;
}

/** Over- (at least 1.5 times its share of the population) and under-represented (at most half) communes. */
export const representationOf = (ratio: number | null): 'over' | 'under' | 'near' | 'protected' =>
  ratio === null ? 'protected' : ratio >= 1.5 ? 'over' : ratio <= 0.5 ? 'under' : 'near';
