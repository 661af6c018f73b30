import { getTableColumns, getTableName, sql, type Column, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database.ts';

/** A column's name in the database: the schema's key in snake_case (the database's `casing`), unless named. */
const columnName = (column: Column) => (column.keyAsName ? toSnakeCase(column.name) : column.name);

export interface BulkInsertOptions {
  /** Rows per statement. */
  batch?: number;
  /** SQL appended after the insert, e.g. an ON CONFLICT clause. */
  onConflict?: SQL;
}

/**
 * Inserts many rows with one JSON parameter per statement (`json_populate_recordset`), which is
 * tens of times faster than a multi-row VALUES built by the query builder, on PGlite and PostgreSQL.
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: T['$inferInsert'][],
  options: BulkInsertOptions = {},
): Promise<void> {
  const batch = options.batch ?? 5000;
  const tableName = getTableName(table);
  const byKey: Record<string, Column> = getTableColumns(table);
  const columnList = sql.raw(Object.values(byKey).map((column) => `"${columnName(column)}"`).join(', '));
  for (let i = 0; i < rows.length; i += batch) {
    const json = JSON.stringify(
      rows.slice(i, i + batch).map((row) =>
        Object.fromEntries(Object.entries(row as Record<string, unknown>).flatMap(([key, value]) => (byKey[key] ? [[columnName(byKey[key]), value]] : []))),
      ),
    );
    await db.execute(
      sql`insert into ${sql.identifier(tableName)} (${columnList})
          select ${columnList} from json_populate_recordset(null::${sql.identifier(tableName)}, ${json}::json)
          ${options.onConflict ?? sql``}`,
    );
  }
}

/**
 * Rows as a relation in one statement: `json_to_recordset` over one JSON parameter, typed by `columns`
 * (`{ line: 'integer', code: 'text' }`), for a batch that SQL checks, joins or writes as a whole (the way
 * COPY would hand it over, on PGlite and PostgreSQL alike). Alias it with `as`.
 */
export function recordset(rows: readonly object[], columns: Record<string, string>, alias: string): SQL {
  const definition = Object.entries(columns)
    .map(([name, type]) => `"${name}" ${type}`)
    .join(', ');
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) as ${sql.raw(`"${alias}"`)}(${sql.raw(definition)})`;
}

/** `set` clause of an upsert taking every non-key column from the proposed row. */
export function setExcluded(table: PgTable, except: string[] = []): SQL {
  const assignments = Object.entries(getTableColumns(table))
    .filter(([key, column]) => !column.primary && !except.includes(key))
    .map(([, column]) => `"${columnName(column)}" = excluded."${columnName(column)}"`);
  return sql.raw(assignments.join(', '));
}

/**
 * An INSERT … SELECT of one row that writes it only where `when` holds, for a statement that decides in SQL
 * whether the row is written (a CTE reading a count, another insert's RETURNING). Each value is cast to its
 * column's type; the caller adds RETURNING.
 */
export function insertRowWhere<T extends PgTable>(table: T, row: T['$inferInsert'], when: SQL): SQL {
  const columns: Record<string, Column> = getTableColumns(table);
  const given = Object.entries(row as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [columns[key]!, value] as const);
  const names = sql.join(
    given.map(([column]) => sql.identifier(columnName(column))),
    sql`, `,
  );
  const values = sql.join(
    given.map(([column, value]) => sql`${value === null ? null : column.mapToDriverValue(value)}::${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select ${values} where ${when}`;
}
