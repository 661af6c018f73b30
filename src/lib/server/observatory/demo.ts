// Demo data of the observatory: a SYNTHETIC commuting-flows file for the demo territories (the Vallée du
// Lot et du Vignoble and Aix-Marseille-Provence), drawn from the gravity model, imported through the same
// importer as INSEE's file and marked synthetic wherever it is used. Not INSEE data.
import type { Db } from '../db/index.ts';
import { distanceKm } from '../geo/index.ts';
import { allCommunePoints } from '../territory/index.ts';
import { EMPLOYED_PER_INHABITANT, GRAVITY_RANGE_KM, WORKING_ELSEWHERE_SHARE } from './demand.ts';
import { importFlows, type FlowImportReport } from './flows.ts';

/** The communes whose residents get synthetic flows: Luzech's EPCI (the demo council's) and Marseille's. */
export const DEMO_FLOW_COMMUNES = ['46182', '13055'];
const DESTINATIONS = 8;

export function syntheticFlowsFile(communes: Awaited<ReturnType<typeof allCommunePoints>>): string {
  const epcis = new Set(communes.filter((c) => DEMO_FLOW_COMMUNES.includes(c.code)).map((c) => c.epci));
  const lines = ['CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P'];
  for (const home of communes.filter((c) => c.epci !== null && epcis.has(c.epci))) {
    const employed = home.population * EMPLOYED_PER_INHABITANT;
    const elsewhere = employed * WORKING_ELSEWHERE_SHARE;
    const weighted = communes
      .filter((c) => c.code !== home.code)
      .map((c) => ({ c, km: distanceKm(home, c) }))
      .filter(({ km }) => km <= GRAVITY_RANGE_KM)
      .map(({ c, km }) => ({ c, weight: c.population / Math.max(km, 2) ** 2 }))
      .sort((a, b) => b.weight - a.weight || a.c.code.localeCompare(b.c.code))
      .slice(0, DESTINATIONS);
    const total = weighted.reduce((sum, w) => sum + w.weight, 0);
    lines.push(`${home.code};${home.name};${home.code};${home.name};${Math.round(employed - elsewhere)}`);
    for (const { c, weight } of weighted) {
      const workers = Math.round((elsewhere * weight) / total);
      if (workers > 0) lines.push(`${home.code};${home.name};${c.code};${c.name};${workers}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Imports the synthetic flows (idempotent: the same file again changes nothing). */
export async function seedDemoObservatory(db: Db): Promise<FlowImportReport> {
  const text = syntheticFlowsFile(await allCommunePoints(db));
  return importFlows(
    db,
    (async function* () {
      yield new TextEncoder().encode(text);
    })(),
    { fileName: 'demo-flux-synthetiques.csv (SYNTHETIC)', synthetic: true },
  );
}
