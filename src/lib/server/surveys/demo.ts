import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.ts';
import { queryRows, type Db } from '../db/database.ts';
import { seededRandom } from '../random.ts';
import { checkAnswers } from './answers.ts';
import type { AnswerValue, StoredAnswers } from './definition.ts';
import { communeOf, pathOf } from './service.ts';
import { surveyResponses, surveys, surveyVersions } from './schema.ts';
import { recountTallies } from './tallies.ts';
import { CCVLV_2016 } from './template.ts';

/*
 * The demo council's survey: the CCVLV 2016 template, published, with 300 synthetic answers (marked so) drawn
 * with a fixed seed to follow the findings the CCVLV published (seed document 002): postal codes 46140 38 %,
 * 46700 27 %, 46220 13 %, the rest spread over the territory's other postal codes; a third have coworked;
 * 10–20 € the price most chosen; isolation the first difficulty, then travel and employment; companies
 * settled for personal reasons, their first difficulty the internet, and almost all want a local network.
 */

export const DEMO_SURVEY_RESPONSES = 300;
const SEED = 2016;

type Draw = () => number;
const pick = <T extends string>(random: Draw, weights: Record<T, number>): T => {
  const entries = Object.entries(weights) as [T, number][];
  let r = random() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [value, weight] of entries) if ((r -= weight) < 0) return value;
  return entries[entries.length - 1]![0];
};
/** Each option independently with its probability, at most `max`. */
const some = (random: Draw, odds: Record<string, number>, max = Infinity) =>
  Object.entries(odds)
    .filter(([, p]) => random() < p)
    .map(([code]) => code)
    .slice(0, max);
/** A ranking: options drawn without replacement, heavier first. */
const ranking = (random: Draw, weights: Record<string, number>, count: number) => {
  const left = { ...weights };
  const ranked: string[] = [];
  while (ranked.length < count && Object.keys(left).length) {
    const choice = pick(random, left);
    ranked.push(choice);
    delete left[choice];
  }
  return ranked;
};

/** One synthetic answer, as a respondent would type it. */
function syntheticAnswers(random: Draw, postal: () => { postalCode: string; commune: string }): { answers: Record<string, AnswerValue>; others: Record<string, string> } {
  const a: Record<string, AnswerValue> = {};
  const isCompany = random() < 0.2;
  a.respondent = isCompany ? 'company' : 'person';
  a.aware = random() < 0.8;
  if (a.aware) a.practised = random() < 0.42; // a third of all respondents
  a.reception = Number(pick(random, { '5': 45, '4': 35, '3': 12, '2': 5, '1': 3 }));
  a.effect = pick(random, { yes: 35, rather_yes: 35, rather_no: 12, no: 6, unknown: 12 });
  a.motivations = some(random, { social: 0.55, internet: 0.55, network: 0.55, separation: 0.25, travel: 0.2, equipment: 0.1 }, 3);
  a.services = some(random, { training: 0.6, support: 0.55, animation: 0.55, meeting_rooms: 0.35, domiciliation: 0.15, childcare: 0.1 });
  a.involvement = pick(random, { regularly: 15, sometimes: 60, no: 25 });
  a.frequency = pick(random, { daily: 8, weekly: 22, monthly: 20, as_needed: 33, never: 17 });
  a.location = pick(random, { bourg: 65, town: 20, countryside: 15 });
  a.host = random() < 0.75;
  a.price = pick(random, { under_10: 25, '10_20': 55, '20_30': 15, over_30: 5 });
  a.priorities = ranking(random, { price: 30, internet: 30, nearby: 20, friendly: 15, hours: 10, services: 10 }, 3);
  if (!isCompany) {
    a.commune = postal();
    a.age = pick(random, { 'under-25': 6, '25-34': 16, '35-44': 30, '45-59': 34, '60-plus': 14 });
    a.origin = pick(random, { lot: 30, region: 20, france: 40, abroad: 10 });
    if (a.origin !== 'lot') a.settle_reasons = some(random, { countryside: 0.7, quality: 0.6, family: 0.3, work: 0.2, housing: 0.2 });
    a.difficulties = ranking(random, { isolation: 40, travel: 30, employment: 20, internet: 12, services: 8 }, 3);
    a.digital = Number(pick(random, { '5': 45, '4': 35, '3': 12, '2': 5, '1': 3 }));
    if (random() < 0.85) a.work_distance = Math.round(random() < 0.75 ? random() * 19 : 20 + random() * 60);
    a.associations = random() < 0.6;
  } else {
    a.company_commune = postal();
    a.why_here = pick(random, { personal: 70, professional: 30 });
    a.market = pick(random, { local: 15, departement: 15, region: 25, national: 35, international: 10 });
    a.company_difficulties = ranking(random, { internet: 40, economy: 25, distance: 20, support: 15, services: 12, recruitment: 8 }, 3);
    a.digital_use = some(random, { website: 0.65, social: 0.6, ecommerce: 0.2, cloud: 0.4 });
    a.digital_view = pick(random, { opportunity: 70, threat: 5, both: 25 });
    a.company_needs = some(random, { bandwidth: 0.8, digital_services: 0.5, training: 0.4, support: 0.4 });
    a.network = random() < 0.95;
    a.employees = Math.floor(random() < 0.7 ? random() * 3 : random() * 20);
  }
  return { answers: a, others: {} };
}

/**
 * `count` synthetic answers to the template, drawn with `seed` over the communes of an EPCI (postal-code
 * shares of the seed document), each checked as a real answer is.
 */
export async function syntheticResponses(db: Db, epci: string, count: number, seed = SEED): Promise<StoredAnswers[]> {
  const communes = await queryRows<{ code: string; postal_code: string; population: number }>(
    db,
    sql`select c.code, p.postal_code, c.population from communes c join commune_postal_codes p on p.commune_code = c.code
        where c.epci_siren = ${epci} and c.kind = 'commune' order by p.postal_code, c.code`,
  );
  const byPostalCode = new Map<string, string[]>();
  const population = new Map(communes.map((c) => [c.code, c.population]));
  for (const c of communes) byPostalCode.set(c.postal_code, [...(byPostalCode.get(c.postal_code) ?? []), c.code]);
  const others = [...byPostalCode.keys()].filter((p) => !['46140', '46700', '46220'].includes(p));
  const random = seededRandom(seed);
  const postal = () => {
    const r = random();
    const postalCode = r < 0.38 ? '46140' : r < 0.65 ? '46700' : r < 0.78 ? '46220' : (others[Math.floor(random() * others.length)] ?? '46140');
    // Within a postal code, a commune in proportion to its population.
    const list = byPostalCode.get(postalCode) ?? byPostalCode.get('46140') ?? [];
    return { postalCode, commune: list.length ? pick(random, Object.fromEntries(list.map((code) => [code, population.get(code) ?? 1]))) : '' };
  };
  const served = async (postalCode: string) => byPostalCode.get(postalCode) ?? [];
  const rows: StoredAnswers[] = [];
  for (let i = 0; i < count; i++) rows.push(await checkAnswers(CCVLV_2016, syntheticAnswers(random, postal), served));
  return rows;
}

/**
 * Publishes the template for the demo council with its synthetic answers; idempotent (a council that has a
 * survey keeps it). Returns the survey's id.
 */
export async function seedDemoSurvey(db: Db, councilOrganizationId: string, createdBy: string, epci: string): Promise<{ id: string; created: boolean }> {
  const [existing] = await db.select({ id: surveys.id }).from(surveys).where(and(eq(surveys.organizationId, councilOrganizationId), eq(surveys.createdBy, createdBy))).limit(1);
  if (existing) return { id: existing.id, created: false };
  const rows = await syntheticResponses(db, epci, DEMO_SURVEY_RESPONSES);
  const seeded = await db.transaction(async (tx) => {
    const [survey] = await tx
      .insert(surveys)
      .values({ organizationId: councilOrganizationId, createdBy, status: 'published', opensOn: '2026-11-02', publicQuestions: ['respondent', 'aware', 'practised', 'reception', 'frequency', 'price', 'difficulties'] })
      .returning({ id: surveys.id });
    await tx.insert(surveyVersions).values({ surveyId: survey!.id, version: 1, definition: CCVLV_2016 });
    await bulkInsert(
      tx as unknown as Db,
      surveyResponses,
      rows.map((answers, i) => ({
        id: randomUUID(),
        surveyId: survey!.id,
        version: 1,
        // Spread over the first four weeks of November 2026.
        submittedOn: `2026-11-${String(2 + (i % 27)).padStart(2, '0')}`,
        channel: i % 25 === 0 ? ('paper' as const) : ('online' as const),
        synthetic: true,
        answers,
        path: pathOf(CCVLV_2016, answers),
        communeCode: communeOf(CCVLV_2016, answers),
      })),
    );
    return { id: survey!.id, created: true };
  });
  // Answers written in bulk are counted at once, not on the first reading of the results.
  await recountTallies(db, seeded.id);
  return seeded;
}
