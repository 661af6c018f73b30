import * as z from 'zod';
import { plainName } from '../names.ts';
import { decimalParam, integerParam } from '../params.ts';
import { COMMUTE_MODES } from '../simulator/index.ts';
import { inseeCode } from '../territory/index.ts';
import { alternativeKinds, subsidyNatures } from './vocabulary.ts';

// Error messages are catalogue keys (`error_<key>`), translated at the HTTP boundary.

/** Empty form fields mean "none". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());
const asText = (value: unknown) => (typeof value === 'number' ? String(value) : value);

const day = (description: string) =>
  z.string({ error: 'impact_period_day_invalid' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'impact_period_day_invalid' }).meta({ description, example: '2026-01-01' });

/** A period's query string; the domain checks it (order, length) and gives the last twelve months by default. */
export const PeriodQuery = z.object({
  from: optional(day('First day, YYYY-MM-DD (default: the first day of the twelve whole months before this one)')),
  to: optional(day('Last day, YYYY-MM-DD, included')),
});
export type PeriodQuery = z.infer<typeof PeriodQuery>;

/** Euros, from a form (text, `12,50`) or JSON (a number); never negative. */
const euros = (description: string) =>
  z
    .preprocess(asText, decimalParam(description))
    .pipe(z.number().min(0, { error: 'impact_cost_negative' }).max(100_000_000, { error: 'impact_amount_too_large' }))
    .meta({ override: { type: ['number', 'string'] } });

export const CostsInput = z.object({
  rent: euros('Yearly rent and charges, euros'),
  animator: euros('Yearly cost of the animator’s time, euros'),
  energy: euros('Yearly energy, euros'),
  other: euros('Other yearly costs (insurance, internet, cleaning…), euros'),
});

const isoDay = z
  .string({ error: 'impact_period_day_invalid' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'impact_period_day_invalid' })
  .refine((value) => new Date(`${value}T12:00:00Z`).toISOString().startsWith(value), { error: 'impact_period_day_invalid' });

export const SubsidyInput = z
  .object({
    funderName: plainName(z.string({ error: 'impact_funder_required' }).trim().min(1, { error: 'impact_funder_required' }).max(200, { error: 'impact_funder_required' }), 'impact_name_invalid'),
    funderId: optional(z.string().trim().regex(/^(\d{9}|\d{14})$/, { error: 'impact_funder_id_invalid' })),
    amount: z
      .preprocess(asText, decimalParam('Amount, euros'))
      .pipe(z.number().gt(0, { error: 'impact_amount_invalid' }).max(100_000_000, { error: 'impact_amount_too_large' }))
      .meta({ override: { type: ['number', 'string'] } }),
    startsOn: isoDay,
    endsOn: isoDay,
    purpose: plainName(z.string({ error: 'impact_purpose_required' }).trim().min(1, { error: 'impact_purpose_required' }).max(500, { error: 'impact_purpose_required' }), 'impact_name_invalid'),
    decisionReference: optional(z.string().trim().max(100, { error: 'impact_reference_too_long' })),
    conventionDate: optional(isoDay),
    nature: optional(z.enum(subsidyNatures, { error: 'impact_nature_invalid' })),
  })
  .refine((s) => s.endsOn >= s.startsOn, { error: 'impact_period_reversed', path: ['endsOn'] });
export type SubsidyInput = z.infer<typeof SubsidyInput>;

export const FunderInput = z.object({ organizationId: z.string({ error: 'impact_funder_unknown' }).trim().min(1, { error: 'impact_funder_unknown' }).max(100, { error: 'impact_funder_unknown' }) });

export const AlternativeInput = z
  .object({
    kind: z.enum([...alternativeKinds, 'none'], { error: 'impact_alternative_kind_invalid' }),
    workplaceCommuneCode: optional(inseeCode),
    mode: optional(z.enum(COMMUTE_MODES, { error: 'impact_alternative_mode_invalid' })),
  })
  .refine((a) => a.kind !== 'commute' || a.workplaceCommuneCode, { error: 'impact_alternative_workplace_required', path: ['workplaceCommuneCode'] })
  .refine((a) => (a.kind !== 'commute' && a.kind !== 'home') || a.mode, { error: 'impact_alternative_mode_required', path: ['mode'] });
export type AlternativeInput = z.infer<typeof AlternativeInput>;

/** "What if" on the finances: prices and costs changed by a percentage. */
export const WhatIfQuery = z.object({
  prix: optional(integerParam('Change of prices, percent (−90 to 500)').pipe(z.number().min(-90, { error: 'impact_what_if_invalid' }).max(500, { error: 'impact_what_if_invalid' }))),
  couts: optional(integerParam('Change of costs, percent (−90 to 500)').pipe(z.number().min(-90, { error: 'impact_what_if_invalid' }).max(500, { error: 'impact_what_if_invalid' }))),
});

const shown = z.union([z.object({ kind: z.literal('count'), value: z.number() }), z.object({ kind: z.enum(['small', 'hidden']) })]).meta({ description: 'A count of people: its value, or "small" (1 to 4, shown "< 5")' });
const nullableNumber = z.number().nullable();

export const FiguresOutput = z.object({
  small: z.boolean().meta({ description: 'The group is 1 to 4 people: no figure drawn from them is given' }),
  members: shown,
  newMembers: shown,
  returningMembers: shown,
  deskDays: nullableNumber,
  deskHalfDays: nullableNumber,
  openHalfDays: z.number(),
  occupancy: nullableNumber.meta({ description: 'Desk half-days booked ÷ desk half-days open (0–1)' }),
  roomHours: nullableNumber,
  bookings: nullableNumber,
  checkInRate: nullableNumber,
  noShows: nullableNumber,
  revenueCents: z.record(z.string(), z.number()).nullable(),
  revenueTotalCents: nullableNumber,
  spendPerMemberMonthCents: nullableNumber,
  commuting: z.object({
    small: z.boolean(),
    members: shown,
    membersWithout: shown,
    membersOther: shown,
    days: nullableNumber,
    km: nullableNumber,
    co2eKg: nullableNumber,
    hours: nullableNumber,
    moneyCents: nullableNumber,
  }),
});

export const ReportOutput = z.object({
  scope: z.object({ kind: z.enum(['place', 'commune', 'epci', 'departement', 'region']), code: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  full: z.boolean().meta({ description: 'The reader runs or funds the place: revenue and finances are included' }),
  headline: FiguresOutput,
  months: z.array(FiguresOutput.extend({ month: z.string() })),
  places: z.array(FiguresOutput.extend({ slug: z.string(), name: z.string(), full: z.boolean() })),
  formulas: z.array(z.object({ key: z.string(), formula: z.string(), rows: z.number() })),
  finances: z.unknown().nullable().meta({ description: 'Costs, subsidies and break-even (the place’s team and funders)' }),
});
