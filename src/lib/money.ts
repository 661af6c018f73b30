// Money is held in whole cents wherever it is stored or computed; euros appear only where people type or
// read amounts (forms, API figures). These are the only conversions (shared by the server and the pages);
// `formatCents` in i18n.ts is the one way an amount held in cents is shown.

/** Euros (as typed or sent) to whole cents. */
export function toCents(euros: number): number;
export function toCents(euros: number | null): number | null;
export function toCents(euros: number | null): number | null {
  return euros == null ? null : Math.round(euros * 100);
}

/** Cents to euros, for an API figure or a form's value. */
export function toEuros(cents: number): number;
export function toEuros(cents: number | null): number | null;
export function toEuros(cents: number | null): number | null {
  return cents == null ? null : cents / 100;
}

/** True when an amount in euros has at most two decimals (a whole number of cents). */
export const isWholeCents = (euros: number): boolean => Math.abs(Math.round(euros * 100) - euros * 100) < 1e-6;
