/**
 * Reference figures of the commute-savings simulator, transcribed by hand (never read at run time).
 *
 * - Impact CO2 factors and constants: ADEME, Impact CO2 (open source, github.com/incubateur-ademe/impactco2),
 *   `src/data/categories/deplacement.ts` at commit 8076a4895ecebd0c781ec6489ba2008b87915b09 (2026-07-01), and
 *   its *Télétravail* simulator. Data from ADEME Base Empreinte, Licence Ouverte (Etalab 2.0); credit ADEME.
 * - Barème kilométrique: CGI annexe IV art. 6 B, arrêté du 27 mars 2023 (unchanged for 2023, 2024 and 2025
 *   income; reported unchanged for 2026): public French tax figures (Licence Ouverte for the published texts).
 * - Swiss variable cost per km: TCS (Touring Club Suisse) press release of 2026-01-06, "Kilometerkosten 2026":
 *   a public fact quoted, not a TCS dataset.
 * - Everything marked "Maillage assumption" is ours: an order of magnitude, dated, for the user to override.
 */

// ---------------------------------------------------------------------------------------------------------------
// Impact CO2 (ADEME) — reproduced exactly by the compatibility mode
// ---------------------------------------------------------------------------------------------------------------

/** Which distance the reference measures for a mode (the caller supplies it; we only report the type). */
export type ImpactCo2DistanceType = 'car' | 'rail' | 'foot' | 'plane';

export const IMPACT_CO2_DISTANCE_TYPES: Record<ImpactCo2DistanceType, string> = {
  car: 'road distance',
  rail: 'rail/transit distance',
  foot: 'walking distance',
  plane: 'great-circle distance (R = 6371 km)',
};

/**
 * One life-cycle step of a factor, in kg CO2e per passenger-km: 5 = vehicle construction, 6 = fuel/energy use,
 * 7 = contrails. A factor is the sum of its components from 0, in the listed order (floating point).
 */
export type FactorComponent = readonly [step: 5 | 6 | 7, kgCo2ePerPassengerKm: number];

export interface ImpactCo2PlaneBand {
  readonly name: string;
  /** The distances (km) the band accepts: above `max` or below `min` rejects; a missing bound does not. */
  readonly display: { readonly min?: number; readonly max?: number };
  readonly components: readonly FactorComponent[];
}

export type ImpactCo2Mode =
  | { readonly slug: string; readonly distanceType: ImpactCo2DistanceType; readonly components: readonly FactorComponent[] }
  | { readonly slug: string; readonly distanceType: ImpactCo2DistanceType; readonly total: number }
  | { readonly slug: string; readonly distanceType: 'plane'; readonly bands: readonly ImpactCo2PlaneBand[] };

/**
 * Every transport of Impact CO2, in the reference's order. Car factors assume 1.6 occupants (Nos Gestes Climat
 * model). For `avion`, the first band that accepts the distance wins, otherwise the first band.
 */
export const IMPACT_CO2_MODES = [
  {
    slug: 'avion',
    distanceType: 'plane',
    bands: [
      { name: 'courtcourrier', display: { min: 300, max: 1000 }, components: [[5, 0.000372], [6, 0.1232], [7, 0.101]] },
      { name: 'moyencourrier', display: { min: 1001, max: 2000 }, components: [[5, 0.000361], [6, 0.1013], [7, 0.083]] },
      { name: 'moyenlongcourrier', display: { min: 2001, max: 5000 }, components: [[5, 0.000294], [6, 0.0915], [7, 0.075]] },
      { name: 'longcourrier', display: { min: 2001 }, components: [[5, 0.000294], [6, 0.0976], [7, 0.08]] },
    ],
  },
  { slug: 'tgv', distanceType: 'rail', components: [[5, 0.00063], [6, 0.0023]] },
  { slug: 'intercites', distanceType: 'rail', components: [[5, 0.00318], [6, 0.0058]] },
  { slug: 'voiturethermique', distanceType: 'car', components: [[6, 0.1105577600556303], [5, 0.03169565217391306]] },
  { slug: 'voitureelectrique', distanceType: 'car', components: [[6, 0.01208836005563031], [5, 0.05527690217391306]] },
  { slug: 'autocar', distanceType: 'car', components: [[5, 0.00442], [6, 0.03314]] },
  { slug: 'marche', distanceType: 'foot', total: 0 },
  { slug: 'velo', distanceType: 'foot', components: [[5, 0.00017]] },
  { slug: 'veloelectrique', distanceType: 'foot', components: [[5, 0.00872], [6, 0.00223]] },
  { slug: 'busthermique', distanceType: 'car', components: [[5, 0.00892], [6, 0.1135]] },
  { slug: 'tramway', distanceType: 'rail', components: [[5, 0.00048], [6, 0.0038]] },
  { slug: 'metro', distanceType: 'rail', components: [[5, 0.00024], [6, 0.0042]] },
  { slug: 'scooter', distanceType: 'car', components: [[5, 0.0159], [6, 0.0604]] },
  { slug: 'moto', distanceType: 'car', components: [[5, 0.0747], [6, 0.14]] },
  { slug: 'rer', distanceType: 'rail', components: [[5, 0.00318], [6, 0.0066]] },
  { slug: 'ter', distanceType: 'rail', components: [[5, 0.00479], [6, 0.0229]] },
  { slug: 'buselectrique', distanceType: 'car', components: [[5, 0.0122], [6, 0.0095]] },
  { slug: 'trottinette', distanceType: 'foot', components: [[5, 0.0229], [6, 0.002]] },
  { slug: 'busgnv', distanceType: 'car', components: [[5, 0.0089], [6, 0.1128]] },
  { slug: 'campingcar', distanceType: 'car', components: [[6, 0.3771932716693085], [5, 0.11664]] },
  { slug: 'moto-petite', distanceType: 'car', components: [[5, 0.0705], [6, 0.0167]] },
  { slug: 'scooterelectrique', distanceType: 'car', components: [[6, 0.0207], [5, 0.0386]] },
  { slug: 'triporteurelectrique', distanceType: 'car', components: [[5, 0.01183], [6, 0.002997]] },
  { slug: 'van', distanceType: 'car', components: [[6, 0.2371460116693085], [5, 0.08748]] },
  { slug: 'voiture-citadine-essence', distanceType: 'car', components: [[6, 0.1169810600556303], [5, 0.027733695652173936]] },
  { slug: 'voiture-citadine-diesel', distanceType: 'car', components: [[6, 0.09416971630563031], [5, 0.027733695652173936]] },
  { slug: 'voiture-citadine-electrique', distanceType: 'car', components: [[6, 0.011504485055630311], [5, 0.046089130434782626]] },
  { slug: 'voiture-citadine-hybride', distanceType: 'car', components: [[6, 0.1060514350556303], [5, 0.02919796195652175]] },
  { slug: 'voiture-citadine-hybriderechargeable', distanceType: 'car', components: [[6, 0.09211716005563031], [5, 0.03677027173913044]] },
  { slug: 'voiture-compact-essence', distanceType: 'car', components: [[6, 0.1380123725556303], [5, 0.03169565217391306]] },
  { slug: 'voiture-compact-diesel', distanceType: 'car', components: [[6, 0.1105577600556303], [5, 0.03169565217391306]] },
  { slug: 'voiture-compact-electrique', distanceType: 'car', components: [[6, 0.01208836005563031], [5, 0.05527690217391306]] },
  { slug: 'voiture-compact-hybride', distanceType: 'car', components: [[6, 0.1134194350556303], [5, 0.03315991847826087]] },
  { slug: 'voiture-compact-hybriderechargeable', distanceType: 'car', components: [[6, 0.0931681350556303], [5, 0.04073222826086956]] },
  { slug: 'voiture-berline-essence', distanceType: 'car', components: [[6, 0.1496510600556303], [5, 0.03961956521739131]] },
  { slug: 'voiture-berline-diesel', distanceType: 'car', components: [[6, 0.1437828350556303], [5, 0.03961956521739131]] },
  { slug: 'voiture-berline-electrique', distanceType: 'car', components: [[6, 0.014735260055630313], [5, 0.0759790760869565]] },
  { slug: 'voiture-berline-hybride', distanceType: 'car', components: [[6, 0.12976718505563029], [5, 0.041083831521739125]] },
  { slug: 'voiture-berline-hybriderechargeable', distanceType: 'car', components: [[6, 0.11580859130563032], [5, 0.048656141304347804]] },
  { slug: 'voiture-grandeberline-essence', distanceType: 'car', components: [[6, 0.2066193725556303], [5, 0.03961956521739131]] },
  { slug: 'voiture-grandeberline-diesel', distanceType: 'car', components: [[6, 0.1300887163056303], [5, 0.03961956521739131]] },
  { slug: 'voiture-grandeberline-electrique', distanceType: 'car', components: [[6, 0.014112460055630311], [5, 0.08024456521739132]] },
  { slug: 'voiture-grandeberline-hybride', distanceType: 'car', components: [[6, 0.1408191850556303], [5, 0.041083831521739125]] },
  { slug: 'voiture-grandeberline-hybriderechargeable', distanceType: 'car', components: [[6, 0.1373241350556303], [5, 0.048656141304347804]] },
  { slug: 'voiturehybride', distanceType: 'car', components: [[6, 0.1134194350556303], [5, 0.03315991847826087]] },
] as const satisfies readonly ImpactCo2Mode[];

export type ImpactCo2Slug = (typeof IMPACT_CO2_MODES)[number]['slug'];

/** `total = EF × d × 92`: 92 = 2 trips × (52 weeks − 5 weeks of holiday − 1 week of public holidays). */
export const IMPACT_CO2_TRIPS_PER_WEEKLY_DAY = 92;
/** Saved = 0.75 × telework days × total: 25 % of the avoided emissions come back as extra trips (rebound). */
export const IMPACT_CO2_REBOUND_KEPT = 0.75;
/** Share of a 9.1 t yearly footprint, in %: `saved / 91`. */
export const IMPACT_CO2_PERCENT_DIVISOR = 91;
/** Car factors of Impact CO2 are per passenger-km for a car carrying 1.6 people on average. */
export const IMPACT_CO2_CAR_OCCUPANCY = 1.6;

export const IMPACT_CO2_SOURCE =
  'ADEME Impact CO2, src/data/categories/deplacement.ts @ 8076a489 (2026-07-01), Base Empreinte, Licence Ouverte';

// ---------------------------------------------------------------------------------------------------------------
// French barème kilométrique — arrêté du 27 mars 2023 (CGI annexe IV art. 6 B)
// ---------------------------------------------------------------------------------------------------------------

/**
 * One bracket of the scale: for `d` km driven in the year for work (home-work trips included), the yearly cost
 * is `d × rate + constant` when `d ≤ upToKm` (the first bracket that fits wins; `null` = no upper bound).
 * The published thresholds are whole km ("5 001 – 20 000"): we read them as 5 000 < d ≤ 20 000.
 */
export interface BaremeBracket {
  readonly upToKm: number | null;
  readonly rate: number;
  readonly constant: number;
}

/** One fiscal-horsepower line of the scale; `maxCv` null = "and more". */
export interface BaremeBand {
  readonly label: string;
  readonly minCv: number;
  readonly maxCv: number | null;
  readonly brackets: readonly [BaremeBracket, BaremeBracket, BaremeBracket];
}

export type BaremeVehicle = 'car' | 'motorcycle' | 'moped';

const brackets = (
  firstUpTo: number,
  secondUpTo: number,
  r1: number,
  r2: number,
  constant: number,
  r3: number,
): readonly [BaremeBracket, BaremeBracket, BaremeBracket] => [
  { upToKm: firstUpTo, rate: r1, constant: 0 },
  { upToKm: secondUpTo, rate: r2, constant },
  { upToKm: null, rate: r3, constant: 0 },
];

/** € per year; the rates cover depreciation, repairs, tyres, fuel and insurance (not tolls, parking, interest). */
export const BAREME_KILOMETRIQUE: Record<BaremeVehicle, readonly BaremeBand[]> = {
  // Cars: d ≤ 5 000 | 5 001 – 20 000 | d > 20 000
  car: [
    { label: '3 CV et moins', minCv: 1, maxCv: 3, brackets: brackets(5000, 20000, 0.529, 0.316, 1065, 0.37) },
    { label: '4 CV', minCv: 4, maxCv: 4, brackets: brackets(5000, 20000, 0.606, 0.34, 1330, 0.407) },
    { label: '5 CV', minCv: 5, maxCv: 5, brackets: brackets(5000, 20000, 0.636, 0.357, 1395, 0.427) },
    { label: '6 CV', minCv: 6, maxCv: 6, brackets: brackets(5000, 20000, 0.665, 0.374, 1457, 0.447) },
    { label: '7 CV et plus', minCv: 7, maxCv: null, brackets: brackets(5000, 20000, 0.697, 0.394, 1515, 0.47) },
  ],
  // Motorcycles (> 50 cm³): d ≤ 3 000 | 3 001 – 6 000 | d > 6 000
  motorcycle: [
    { label: '1 ou 2 CV', minCv: 1, maxCv: 2, brackets: brackets(3000, 6000, 0.395, 0.099, 891, 0.248) },
    { label: '3, 4, 5 CV', minCv: 3, maxCv: 5, brackets: brackets(3000, 6000, 0.468, 0.082, 1158, 0.275) },
    { label: 'plus de 5 CV', minCv: 6, maxCv: null, brackets: brackets(3000, 6000, 0.606, 0.079, 1583, 0.343) },
  ],
  // Mopeds (cyclomoteurs < 50 cm³), no horsepower classes: d ≤ 3 000 | 3 001 – 6 000 | d > 6 000.
  // (A secondary page gives 2 000 / 5 000 km and "+ 412": that is the 2015 constant, not this scale.)
  moped: [
    { label: 'cyclomoteur', minCv: 0, maxCv: null, brackets: brackets(3000, 6000, 0.315, 0.079, 711, 0.198) },
  ],
};

/** 100 % electric vehicles: the scale's result × 1.20 (arrêté du 27 mars 2023). */
export const BAREME_ELECTRIC_SURCHARGE = 1.2;

export const BAREME_SOURCE =
  'Barème kilométrique, arrêté du 27 mars 2023 (CGI annexe IV art. 6 B), unchanged for 2023–2025 income; BOI-BAREME-000001';

// ---------------------------------------------------------------------------------------------------------------
// Swiss car cost — TCS Kilometerkosten 2026
// ---------------------------------------------------------------------------------------------------------------

/**
 * Variable cost of the TCS 2026 reference car (CHF 45 000, 15 000 km/yr): CHF 4 135 a year ÷ 15 000 km.
 * It covers depreciation by km, fuel, tyres, service and repairs. The full cost (0.74 CHF/km) also carries fixed
 * costs (insurance, tax, garage) that telework does not remove, so savings use the variable cost only.
 */
export const TCS_VARIABLE_COST_CHF_PER_KM = 0.2757;
export const TCS_SOURCE = 'TCS Kilometerkosten 2026 (press release 2026-01-06): variable cost CHF 4 135 / 15 000 km';

// ---------------------------------------------------------------------------------------------------------------
// Maillage mode — defaults and mapping to Impact CO2
// ---------------------------------------------------------------------------------------------------------------

export const COMMUTE_MODES = [
  'car',
  'motorbike',
  'bus',
  'coach',
  'train',
  'highSpeedTrain',
  'rer',
  'metro',
  'tram',
  'ebike',
  'bike',
  'walk',
] as const;
export type CommuteMode = (typeof COMMUTE_MODES)[number];

/** Modes with a vehicle of one's own: occupancy, energy and per-km costs apply. */
export const VEHICLE_MODES = ['car', 'motorbike'] as const satisfies readonly CommuteMode[];
export type VehicleMode = (typeof VEHICLE_MODES)[number];

export const ENERGIES = ['petrol', 'diesel', 'electric', 'hybrid', 'lpg'] as const;
export type Energy = (typeof ENERGIES)[number];

/**
 * Impact CO2 factor used for each car energy (compact segment, the reference's middle size). Impact CO2 has no
 * LPG car: LPG uses the generic thermal car (`voiturethermique`). "hybrid" is a non-plug-in hybrid.
 */
export const CAR_SLUG_BY_ENERGY: Record<Energy, ImpactCo2Slug> = {
  petrol: 'voiture-compact-essence',
  diesel: 'voiture-compact-diesel',
  electric: 'voiture-compact-electrique',
  hybrid: 'voiture-compact-hybride',
  lpg: 'voiturethermique',
};

/** Electric motorbikes use Impact CO2's electric scooter; any other energy uses the (petrol) motorbike. */
export const MOTORBIKE_SLUG_BY_ENERGY: Record<Energy, ImpactCo2Slug> = {
  petrol: 'moto',
  diesel: 'moto',
  electric: 'scooterelectrique',
  hybrid: 'moto',
  lpg: 'moto',
};

/** Impact CO2 factor of each mode without a vehicle of one's own (per passenger-km, used as is). */
export const TRANSIT_SLUG_BY_MODE: Record<Exclude<CommuteMode, VehicleMode>, ImpactCo2Slug> = {
  bus: 'busthermique',
  coach: 'autocar',
  train: 'ter',
  highSpeedTrain: 'tgv',
  rer: 'rer',
  metro: 'metro',
  tram: 'tramway',
  ebike: 'veloelectrique',
  bike: 'velo',
  walk: 'marche',
};

/**
 * Occupancy behind the Impact CO2 factor of a vehicle mode: 1.6 for cars (Nos Gestes Climat model, stated by
 * Impact CO2); 1 for motorbikes (Maillage assumption: the reference does not state it; we read it as one rider).
 * Per-person factor = passenger-km factor × this occupancy (→ per vehicle-km) ÷ the user's occupancy.
 */
export const IMPACT_CO2_OCCUPANCY_BY_VEHICLE: Record<VehicleMode, number> = {
  car: IMPACT_CO2_CAR_OCCUPANCY,
  motorbike: 1,
};

/**
 * Door-to-door average speeds (km/h) over the road distance, access and waiting included. Maillage assumption
 * (2026), rounded orders of magnitude for peri-urban and rural commutes, not a published statistic; the user can
 * give their own (`averageSpeedKmH`).
 */
export const DEFAULT_SPEED_KMH: Record<CommuteMode, number> = {
  car: 50,
  motorbike: 50,
  bus: 20,
  coach: 45,
  train: 50,
  highSpeedTrain: 150,
  rer: 35,
  metro: 25,
  tram: 18,
  ebike: 20,
  bike: 15,
  walk: 5,
};
export const SPEED_SOURCE = 'Maillage assumption (2026): door-to-door average speed, access and waiting included';

/**
 * Road distance = straight-line distance × 1.3. Maillage assumption (2026): the usual order of magnitude of the
 * road/straight-line ratio (about 1.2–1.4 on French roads); applied to every mode.
 */
export const DEFAULT_DETOUR_FACTOR = 1.3;
export const DETOUR_FACTOR_RANGE = { min: 1, max: 3 } as const;

/** 46 working weeks = 52 − 5 weeks of holiday − 1 week of public holidays, as in Impact CO2 (92 = 2 × 46). */
export const DEFAULT_WORKING_WEEKS = 46;
export const WORKING_WEEKS_RANGE = { min: 1, max: 52 } as const;
export const DAYS_PER_WEEK_RANGE = { min: 0, max: 7 } as const;

/** A one-way road trip longer than this is refused (km). */
export const MAX_ONE_WAY_ROAD_KM = 1000;
export const OCCUPANCY_RANGE = { min: 1, max: 9 } as const;
export const SPEED_RANGE_KMH = { min: 1, max: 400 } as const;
export const MAX_CONSUMPTION_PER_100_KM = 100;
export const FISCAL_HORSEPOWER_RANGE = { min: 1, max: 99 } as const;

/**
 * Fiscal horsepower when the user gives none: 5 CV. Maillage assumption (2026): a typical compact car; the
 * middle-bracket rate of the scale varies only from 0.316 (≤ 3 CV) to 0.394 €/km (≥ 7 CV).
 */
export const DEFAULT_FISCAL_HORSEPOWER: Record<VehicleMode, number> = { car: 5, motorbike: 3 };
/** Energy when the user gives none (Maillage assumption). */
export const DEFAULT_ENERGY: Energy = 'petrol';

export interface FuelDefault {
  /** Consumption per 100 km, in `unit`. */
  readonly consumptionPer100Km: number;
  readonly unit: 'L' | 'kWh';
  /** Price per `unit`, in euros. */
  readonly priceEurPerUnit: number;
}

/**
 * Car fuel defaults for the "fuel" cost method. Maillage assumptions, France, 2025 orders of magnitude (pump
 * prices of about 1.6–1.9 €/L in 2024–2025; electricity: a mix of home charging at the regulated tariff and
 * public charging), not official statistics: the user should enter their own.
 */
export const CAR_FUEL_DEFAULTS: Record<Energy, FuelDefault> = {
  petrol: { consumptionPer100Km: 6.5, unit: 'L', priceEurPerUnit: 1.75 },
  diesel: { consumptionPer100Km: 5.5, unit: 'L', priceEurPerUnit: 1.65 },
  electric: { consumptionPer100Km: 17, unit: 'kWh', priceEurPerUnit: 0.25 },
  hybrid: { consumptionPer100Km: 4.8, unit: 'L', priceEurPerUnit: 1.75 },
  lpg: { consumptionPer100Km: 8.5, unit: 'L', priceEurPerUnit: 1.0 },
};

/** Motorbike fuel defaults (Maillage assumptions, France, 2025): petrol for any non-electric energy. */
export const MOTORBIKE_FUEL_DEFAULTS: Record<'petrol' | 'electric', FuelDefault> = {
  petrol: { consumptionPer100Km: 4.5, unit: 'L', priceEurPerUnit: 1.75 },
  electric: { consumptionPer100Km: 6, unit: 'kWh', priceEurPerUnit: 0.25 },
};
export const FUEL_SOURCE = 'Maillage assumption (France, 2025 order of magnitude); enter your own figures';
