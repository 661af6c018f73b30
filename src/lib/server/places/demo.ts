import { sql } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.ts';
import { queryRows, type Db } from '../db/database.ts';
import { PRICE_FIELDS, type PlaceFields, type PlaceInput } from './model.ts';
import { textArray } from './queries.ts';
import { operatorKinds, placeKinds, places, placeServices, type PlaceKind, type PlaceService, type PlaceStatus } from './schema.ts';
import { findPlace } from './service.ts';
import { createPlace, derivedColumns, rowOfFields, updatePlace } from './writes.ts';
import { seededRandom } from '../random.ts';

/** A demo place's price list in euros: the booking demo sells these as its offers, which give the directory's figures. */
export interface DemoPrices {
  day: number;
  halfDay?: number;
  month?: number;
  carnet10?: number;
}

/**
 * The places the source documents name, with what they say; everything else (hours, prices, services,
 * the day of opening) is plausible and said to be illustrative in the description. No exact point is
 * known: each place stands at its commune's point (`coordinatesExact` false). Prices are not fields of a
 * place: `prices` is what the booking demo offers there (`booking/demo.ts`).
 */
export const DEMO_PLACES: (PlaceInput & { slug: string; prices?: DemoPrices })[] = [
  {
    slug: 'coworking-morez-haut-jura',
    name: 'Espace de coworking de Morez',
    kind: 'coworking',
    communeCode: '39368', // Hauts de Bienne, the commune nouvelle Morez belongs to since 2016
    descriptionFr:
      "Environ 80 m² de travail partagé à Morez, dans le Haut-Jura, pour une douzaine de coworkers : indépendants " +
      "du numérique et de la communication, salariés en télétravail. Né d'une étude commandée par la communauté de " +
      "communes Haut-Jura Arcade, il est animé depuis 2014 par La Cordée, dans un partenariat public-privé. " +
      'Horaires, tarifs, services et jour d’ouverture sont illustratifs.',
    descriptionEn:
      'About 80 m² of shared workspace in Morez, in the Haut-Jura mountains, for a dozen coworkers: digital and ' +
      'communication freelancers, teleworking employees. Born of a study commissioned by the Haut-Jura Arcade ' +
      'community of communes, it has been run by La Cordée since 2014 as a public-private partnership. ' +
      'Opening hours, prices, services and the exact opening day are illustrative.',
    surfaceM2: 80,
    desks: 12,
    operatorName: 'La Cordée',
    operatorKind: 'public-private',
    openedOn: '2014-04-14',
    status: 'open',
    services: ['meeting-room', 'kitchen', 'printer'],
    openingHours: 'Mo-Fr 08:30-18:30; PH off',
    prices: { day: 15, halfDay: 9, month: 180, carnet10: 130 },
    languages: ['fr'],
  },
  {
    slug: 'ocowork-cabries',
    name: 'Ocowork',
    kind: 'coworking',
    communeCode: '13019',
    descriptionFr:
      "Centre d'affaires et de coworking ouvert à Cabriès peu avant la crise sanitaire de 2020, aux prestations " +
      'haut de gamme : postes de coworking, bureaux à louer, domiciliation d’entreprises. Cabriès compte une forte ' +
      'part de cadres qui travaillent à Aix ou à Marseille. Horaires, tarifs et nombre de postes sont illustratifs.',
    descriptionEn:
      'Business centre and coworking space opened in Cabriès shortly before the 2020 health crisis, with upmarket ' +
      'services: coworking desks, offices to rent, business domiciliation. Many Cabriès residents are managers ' +
      'working in Aix or Marseille. Opening hours, prices and number of desks are illustrative.',
    desks: 20,
    operatorName: 'Ocowork',
    operatorKind: 'independent',
    status: 'open',
    services: ['private-offices', 'domiciliation', 'meeting-room', 'reception', 'kitchen', 'printer', 'car-parking'],
    openingHours: 'Mo-Fr 08:00-19:00; Sa 09:00-12:30; PH off',
    prices: { day: 20, halfDay: 12, month: 260, carnet10: 180 },
    languages: ['fr', 'en'],
  },
  {
    slug: 'morpho-buro-eguilles',
    name: 'Morpho Buro',
    kind: 'coworking',
    communeCode: '13032',
    descriptionFr:
      "Centre d'affaires et espace de coworking à Éguilles, à une dizaine de minutes d'Aix-en-Provence : le pari " +
      'de faire travailler près de chez eux les cadres des petites communes de la métropole. Horaires, tarifs et ' +
      'services sont illustratifs.',
    descriptionEn:
      'Business centre and coworking space in Éguilles, ten minutes from Aix-en-Provence, betting that managers ' +
      'living in the small towns of the metropolis will work close to home. Opening hours, prices and services ' +
      'are illustrative.',
    desks: 14,
    operatorName: 'Morpho Buro',
    operatorKind: 'independent',
    status: 'open',
    services: ['private-offices', 'domiciliation', 'meeting-room', 'printer', 'car-parking'],
    openingHours: 'Mo-Fr 08:30-18:30; PH off',
    prices: { day: 18, halfDay: 11, month: 230 },
    languages: ['fr'],
  },
  {
    slug: 'make-it-marseille',
    name: 'Make it Marseille',
    kind: 'coworking',
    communeCode: '13055',
    descriptionFr:
      'Espace de coworking marseillais, pris en exemple par une étude du projet européen CoWorkMed (2017) sur les ' +
      'tiers-lieux de la Méditerranée. Horaires, tarifs, services et nombre de postes sont illustratifs.',
    descriptionEn:
      'A coworking space in Marseille, taken as an example by a 2017 study of the European CoWorkMed project on ' +
      'Mediterranean third places. Opening hours, prices, services and number of desks are illustrative.',
    desks: 30,
    operatorName: 'Make it Marseille',
    operatorKind: 'independent',
    status: 'open',
    services: ['meeting-room', 'event-space', 'kitchen', 'phone-booth', 'bike-parking'],
    openingHours: 'Mo-Fr 09:00-19:00; PH off',
    prices: { day: 20, halfDay: 12, month: 250, carnet10: 170 },
    languages: ['fr', 'en'],
  },
  {
    slug: 'coworking-vallee-du-lot-et-du-vignoble',
    name: 'Espace de coworking de la Vallée du Lot et du Vignoble',
    kind: 'coworking',
    communeCode: '46182',
    descriptionFr:
      'Espace de la communauté de communes de la Vallée du Lot et du Vignoble : après son enquête de 2016 auprès ' +
      "des habitants et des entreprises, elle a ouvert un espace de coworking animé et un réseau local d'entrepreneurs. " +
      'Le lieu n’est pas arrêté dans les documents : il est placé à Luzech à titre illustratif, comme ses postes et son ouverture.',
    descriptionEn:
      'The Vallée du Lot et du Vignoble community of communes’ space: after its 2016 survey of residents and ' +
      'companies, it opened a coworking space with a host and a local network of entrepreneurs. The documents do not ' +
      'settle the location: it is shown in Luzech for illustration, as are its desks and its opening.',
    desks: 10,
    operatorName: 'Communauté de communes de la Vallée du Lot et du Vignoble',
    operatorKind: 'council',
    // Opened in the demo, as the 2016 survey planned, so that its impact report has a year of activity.
    status: 'open',
    openedOn: '2025-06-02',
    openingHours: 'Mo-Fr 09:00-18:00; PH off',
    services: ['event-space', 'meeting-room'],
    languages: ['fr'],
  },
];

export interface DemoPlacesReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Demo places someone has edited since the seed last wrote them: left as they are. */
  kept: number;
}

/** Who writes the demo places: their history names it, so that later runs know an edit from their own writes. */
export const DEMO_EDITOR = 'demo';

/**
 * Creates the demo places, or brings them back to their demo values when only the seed has changed them (a newer
 * version of the seed); a place its operator or an import has edited since keeps its edits. Running it again
 * changes nothing.
 */
export async function seedDemoPlaces(db: Db): Promise<DemoPlacesReport> {
  const report: DemoPlacesReport = { created: 0, updated: 0, unchanged: 0, kept: 0 };
  for (const { prices: _prices, ...input } of DEMO_PLACES) {
    const existing = await findPlace(db, input.slug);
    if (!existing) {
      await createPlace(db, input, { changedBy: DEMO_EDITOR });
      report.created++;
    } else if (await editedSinceSeed(db, existing.id)) {
      report.kept++;
    } else if ((await updatePlace(db, input.slug, input, { changedBy: DEMO_EDITOR })).updatedAt === existing.updatedAt) {
      report.unchanged++;
    } else {
      report.updated++;
    }
  }
  return report;
}

/**
 * Whether the latest recorded change of a place's details was made by someone other than the seed. Changes of
 * its prices alone come from its offers (whoever sets them in the console), not from editing the place.
 */
async function editedSinceSeed(db: Db, placeId: string): Promise<boolean> {
  const [latest] = await queryRows<{ changed_by: string }>(
    db,
    sql`select changed_by from place_history where place_id = ${placeId}::uuid
          and changes - ${textArray([...PRICE_FIELDS])} <> '{}'::jsonb
        order by changed_at desc limit 1`,
  );
  return !!latest && latest.changed_by !== DEMO_EDITOR;
}

// ————— Synthetic places —————


function uuidFrom(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface SyntheticCommune {
  code: string;
  name: string;
  population: number;
  lat: number;
  lon: number;
  regionName: string;
}

const SYNTHETIC_HOURS = [
  'Mo-Fr 09:00-18:00; PH off',
  'Mo-Fr 08:30-12:30,13:30-18:30; PH off',
  'Mo-Fr 08:00-19:00; Sa 09:00-13:00; PH off',
  'Mo-Sa 08:00-20:00',
  '24/7',
  'Tu-Fr 09:00-17:00; Sa 10:00-16:00',
] as const;
const KIND_WEIGHTS: [PlaceKind, number][] = [
  ['coworking', 0.55],
  ['tiers-lieu', 0.2],
  ['telecentre', 0.1],
  ['fablab', 0.08],
  ['public-workspace', 0.07],
];
const KIND_LABELS: Record<PlaceKind, string> = {
  coworking: 'Coworking',
  'tiers-lieu': 'Tiers-lieu',
  telecentre: 'Télécentre',
  fablab: 'Fablab',
  'public-workspace': 'Espace public de travail',
};

/**
 * N synthetic places on real communes drawn in proportion to their population, the same for the same
 * seed: rows ready for `bulkInsert` (ids and slugs derived from the seed).
 */
export function buildSyntheticPlaces(communes: readonly SyntheticCommune[], n: number, seed: number) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  const random = seededRandom(seed);
  const cumulative: number[] = [];
  let total = 0;
  for (const commune of communes) cumulative.push((total += commune.population));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const createdAt = new Date(Date.UTC(2026, 0, 1));
  const rows: (typeof places.$inferInsert)[] = [];
  for (let i = 0; i < n; i++) {
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    const commune = communes[lo]!;
    const r = random();
    const kind = KIND_WEIGHTS.find((_, k) => r < KIND_WEIGHTS.slice(0, k + 1).reduce((s, [, w]) => s + w, 0))?.[0] ?? 'coworking';
    const exact = random() < 0.7;
    const desks = between(4, 60);
    const day = between(10, 25);
    const services = placeServices.filter(() => random() < 0.35) as PlaceService[];
    const statusRoll = random();
    const status: PlaceStatus = statusRoll < 0.9 ? 'open' : statusRoll < 0.98 ? 'project' : 'closed';
    const number = String(i + 1).padStart(5, '0');
    const fields: PlaceFields = {
      slug: `synthetic-${seed}-${i + 1}`,
      name: `${KIND_LABELS[kind]} synthétique ${number} (${commune.name})`,
      kind,
      descriptionFr: `Lieu synthétique généré pour les essais de charge (graine ${seed}).`,
      descriptionEn: `Synthetic place generated for load tests (seed ${seed}).`,
      communeCode: commune.code,
      address: null,
      lat: exact ? Math.round((commune.lat + (random() - 0.5) * 0.04) * 1e6) / 1e6 : commune.lat,
      lon: exact ? Math.round((commune.lon + (random() - 0.5) * 0.06) * 1e6) / 1e6 : commune.lon,
      coordinatesExact: exact,
      desks,
      surfaceM2: desks * between(6, 12),
      internetMbps: pick([null, 30, 100, 300, 1000]),
      services,
      openingHours: pick(SYNTHETIC_HOURS),
      dayPrice: day,
      halfDayPrice: Math.round(day * 0.6),
      monthPrice: between(12, 35) * 10,
      carnet10Price: random() < 0.6 ? day * 9 : null,
      operatorName: null,
      operatorKind: pick(operatorKinds),
      operatorOrganizationId: null,
      openedOn: `${between(2012, 2025)}-${String(between(1, 12)).padStart(2, '0')}-01`,
      status,
      contactEmail: null,
      contactPhone: null,
      website: null,
      languages: random() < 0.3 ? ['fr', 'en'] : ['fr'],
    };
    rows.push({
      id: uuidFrom(random),
      ...rowOfFields(fields, derivedColumns(fields, commune)),
      synthetic: true,
      createdAt,
      updatedAt: createdAt,
    });
  }
  return rows;
}

/**
 * Adds N synthetic places (synthetic = true, never listed unless asked for) for benchmarks and load
 * tests. The same seed gives the same places, and adding them again adds nothing.
 */
export async function generateSyntheticPlaces(db: Db, n: number, seed = 1): Promise<{ created: number }> {
  const communes = await queryRows<{ code: string; name: string; population: number; lat: number; lon: number; region_name: string }>(
    db,
    sql`select c.code, c.name, c.population, c.lat, c.lon, r.name as region_name
        from communes c join regions r on r.code = c.region_code
        where c.kind = 'commune' and c.population > 0 order by c.code`,
  );
  const rows = buildSyntheticPlaces(
    communes.map((c) => ({ code: c.code, name: c.name, population: Number(c.population), lat: Number(c.lat), lon: Number(c.lon), regionName: c.region_name })),
    n,
    seed,
  );
  const count = async () =>
    Number((await queryRows<{ n: number | string }>(db, sql`select count(*) as n from places where synthetic`))[0]?.n ?? 0);
  const before = await count();
  await db.transaction(async (tx) => {
    await bulkInsert(tx, places, rows, { batch: 2000, onConflict: sql`on conflict do nothing` });
  });
  // PGlite has no autovacuum: without statistics the planner ignores the new rows' indexes.
  await db.execute(sql`analyze places`);
  return { created: (await count()) - before };
}

/** Removes every synthetic place. */
export async function removeSyntheticPlaces(db: Db): Promise<number> {
  const rows = await queryRows<{ id: string }>(db, sql`delete from places where synthetic returning id`);
  return rows.length;
}
