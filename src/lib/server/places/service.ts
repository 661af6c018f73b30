import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { DomainError, notFound } from '../errors.ts';
import { UUID_PATTERN, type PlaceChanges, type PlaceFields } from './model.ts';
import { openingHoursSummary, weekdaysOfMask, type OpeningHoursSummary } from './opening-hours.ts';
import { fieldsOfRecord, isoTime, loadCommunes, PLACE_COLUMNS, type CommuneInfo, type PlaceRecord } from './queries.ts';
import type { Weekday } from './schema.ts';

// Reading one place and its history. Writing is in writes.ts, searching in search.ts, exports in
// exports.ts, territory views in areas.ts.

/** A place as its page shows it. */
export interface Place extends PlaceFields {
  id: string;
  commune: {
    code: string;
    name: string;
    postalCodes: string[];
    departement: string;
    region: string;
    epci: { code: string; name: string } | null;
  };
  /** Weekdays on which it opens in a typical week (from `openingHours`). */
  openDays: Weekday[];
  /** The typical week of `openingHours`, for display; null when no hours are given. */
  openingHoursSummary: OpeningHoursSummary | null;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A place's row by id (UUID) or slug; `lock`: for update, in a transaction. */
export async function findRecord(db: Db, idOrSlug: string, lock = false): Promise<PlaceRecord | null> {
  const key = idOrSlug.trim();
  const where = UUID_PATTERN.test(key) ? sql`p.id = ${key.toLowerCase()}::uuid` : sql`p.slug = ${key.toLowerCase()}`;
  const [row] = await queryRows<PlaceRecord>(db, sql`select ${PLACE_COLUMNS} from places p where ${where} ${lock ? sql`for update` : sql``}`);
  return row ?? null;
}

function placeOf(record: PlaceRecord, commune: CommuneInfo): Place {
  const fields = fieldsOfRecord(record);
  let summary: OpeningHoursSummary | null = null;
  if (fields.openingHours) {
    try {
      summary = openingHoursSummary(fields.openingHours, { region: commune.regionName });
    } catch {
      summary = null; // stored before a change of the package's rules: shown raw
    }
  }
  return {
    id: record.id,
    ...fields,
    commune: {
      code: commune.code,
      name: commune.name,
      postalCodes: commune.postalCodes,
      departement: commune.departement,
      region: commune.region,
      epci: commune.epci,
    },
    openDays: weekdaysOfMask(Number(record.open_days)),
    openingHoursSummary: summary,
    synthetic: record.synthetic,
    createdAt: isoTime(record.created_at),
    updatedAt: isoTime(record.updated_at),
  };
}

/** A place by id (UUID) or slug; `place_not_found` otherwise. */
export async function getPlace(db: Db, idOrSlug: string): Promise<Place> {
  const record = await findRecord(db, idOrSlug);
  if (!record) throw notFound('place_not_found', { id: idOrSlug.slice(0, 100) });
  const communes = await loadCommunes(db, [record.commune_code]);
  return placeOf(record, communes.get(record.commune_code)!);
}

export async function findPlace(db: Db, idOrSlug: string): Promise<Place | null> {
  try {
    return await getPlace(db, idOrSlug);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'place_not_found') return null;
    throw error;
  }
}

export interface PlaceHistoryEntry {
  id: string;
  changedAt: string;
  changedBy: string;
  changes: PlaceChanges;
}

/** The changes of a place, latest first. */
export async function placeHistoryOf(db: Db, idOrSlug: string, limit = 50): Promise<PlaceHistoryEntry[]> {
  const record = await findRecord(db, idOrSlug);
  if (!record) throw notFound('place_not_found', { id: idOrSlug.slice(0, 100) });
  const rows = await queryRows<{ id: string; changed_at: string | Date; changed_by: string; changes: PlaceChanges | string }>(
    db,
    sql`select id, changed_at, changed_by, changes from place_history where place_id = ${record.id}::uuid
        order by changed_at desc, id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    changedAt: isoTime(r.changed_at),
    changedBy: r.changed_by,
    changes: typeof r.changes === 'string' ? (JSON.parse(r.changes) as PlaceChanges) : r.changes,
  }));
}

