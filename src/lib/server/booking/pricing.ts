import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { setPlacePrices, type PlacePriceFigures } from '../places/index.ts';
import type { OfferKind } from './model.ts';

// One price list per place: its offers. The directory's four figures (a day, a half-day, a carnet of 10 days,
// a month) are the lowest public price of the place's active offers of each kind, copied into the place's row
// (so searching and sorting by price read one table) in the transaction that changes an offer.


/** The directory's figure each kind of offer gives, and what else the offer must be (a carnet: of 10 days). */
export const FIGURE_OFFERS = {
  dayPriceCents: { kind: 'day-pass', units: null, name: 'Journée' },
  halfDayPriceCents: { kind: 'half-day-pass', units: null, name: 'Demi-journée' },
  carnet10PriceCents: { kind: 'carnet', units: 10, name: 'Carnet de 10 jours' },
  monthPriceCents: { kind: 'monthly-plan', units: null, name: 'Abonnement mensuel' },
} as const satisfies Record<keyof PlacePriceFigures, { kind: OfferKind; units: number | null; name: string }>;

const figureKeys = Object.keys(FIGURE_OFFERS) as (keyof PlacePriceFigures)[];

/** The directory's figures of a place, read from its active offers. */
export async function priceFiguresOf(db: Db, placeId: string): Promise<PlacePriceFigures> {
  const [row] = await queryRows<Record<keyof PlacePriceFigures, number | null>>(
    db,
    sql`select ${sql.join(
      figureKeys.map((key) => {
        const { kind, units } = FIGURE_OFFERS[key];
        return sql`min(price_cents) filter (where kind = ${kind}${units === null ? sql`` : sql` and units = ${units}`})::int as ${sql.identifier(key)}`;
      }),
      sql`, `,
    )}
        from offers where place_id = ${placeId}::uuid and active = 1`,
  );
  return Object.fromEntries(figureKeys.map((key) => [key, row?.[key] ?? null])) as unknown as PlacePriceFigures;
}

/** Writes a place's directory figures from its offers: call it in the transaction that changes one of them. */
export async function refreshPlacePrices(tx: Db, placeId: string, changedBy: string): Promise<void> {
  await setPlacePrices(tx, placeId, await priceFiguresOf(tx, placeId), changedBy);
}

/**
 * Sets a place's prices from a directory list (a CSV import), in its transaction: for each figure given, the
 * cheapest active offer of that kind takes the price (so it becomes the figure), or an offer is created when
 * the place sells none; figures not given leave the offers as they are. Then the figures are written back.
 */
export async function setPlacePriceList(tx: Db, placeId: string, prices: Partial<PlacePriceFigures>, changedBy: string): Promise<void> {
  for (const key of figureKeys) {
    const cents = prices[key];
    if (cents === undefined || cents === null) continue;
    const { kind, units, name } = FIGURE_OFFERS[key];
    const [cheapest] = await queryRows<{ id: string; price_cents: number }>(
      tx,
      sql`select id, price_cents from offers where place_id = ${placeId}::uuid and active = 1 and kind = ${kind}
            ${units === null ? sql`` : sql`and units = ${units}`}
          order by price_cents, created_at limit 1 for update`,
    );
    if (cheapest) {
      if (cheapest.price_cents !== cents) await tx.execute(sql`update offers set price_cents = ${cents} where id = ${cheapest.id}::uuid`);
    } else {
      await tx.execute(
        sql`insert into offers (place_id, kind, name, price_cents, units, validity_days)
            values (${placeId}::uuid, ${kind}, ${name}, ${cents}, ${units}, ${kind === 'carnet' ? 365 : null})`,
      );
    }
  }
  await refreshPlacePrices(tx, placeId, changedBy);
}
