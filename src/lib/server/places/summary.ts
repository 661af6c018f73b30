import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';

/** What the network holds, for the home page: open places, their desks and the communes they are in. */
export interface NetworkSummary {
  places: number;
  desks: number;
  communes: number;
  /** Announced places, not open yet (their desks are not counted). */
  projects: number;
}

/** Counts over the real places (synthetic benchmark places left out), in one statement. */
export async function networkSummary(db: Db): Promise<NetworkSummary> {
  const [row] = await queryRows<NetworkSummary>(
    db,
    sql`select count(*) filter (where status = 'open')::int as places,
               coalesce(sum(desks) filter (where status = 'open'), 0)::int as desks,
               count(distinct commune_code) filter (where status = 'open')::int as communes,
               count(*) filter (where status = 'project')::int as projects
        from places where not synthetic`,
  );
  return row!;
}
