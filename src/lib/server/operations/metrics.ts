import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { queryRows, type Database } from '../db/index.ts';

/**
 * Prometheus metrics of this process (GET /metrics). Counters and histograms are per process, as Prometheus
 * expects of several processes (it sums them); the figures read from the database (bookings, outbox) are the
 * same from every process, read when scraped.
 */
export interface Metrics {
  registry: Registry;
  observeRequest(method: string, route: string | null, status: number, seconds: number): void;
}

export function createMetrics(database: () => Database | undefined): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'maillage_http_requests_total', help: 'HTTP requests answered, by route id, method and status', labelNames: ['route', 'method', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'maillage_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route id and method',
    labelNames: ['route', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const read = async <T>(query: ReturnType<typeof sql>): Promise<T | undefined> => {
    const db = database()?.db;
    return db ? (await queryRows<T>(db, query))[0] : undefined;
  };
  new Gauge({
    name: 'maillage_bookings',
    help: 'Bookings in the database, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const db = database()?.db;
      if (!db) return;
      this.reset();
      for (const row of await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from bookings group by status`)) this.set({ status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'maillage_outbox_queue_length',
    help: 'Messages waiting in the outbox to be sent over SMTP (without SMTP, messages are kept to be read, not queued)',
    registers: [registry],
    async collect() {
      const row = await read<{ n: number }>(sql`select count(*)::int as n from outbox_message where status = 'outbox' and next_attempt_at is not null`);
      if (row) this.set(row.n);
    },
  });
  new Gauge({
    name: 'maillage_outbox_oldest_message_age_seconds',
    help: 'Age of the oldest message waiting in the outbox (0 when none waits)',
    registers: [registry],
    async collect() {
      const row = await read<{ age: number }>(sql`select coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age from outbox_message where status = 'outbox' and next_attempt_at is not null`);
      if (row) this.set(row.age);
    },
  });
  new Gauge({
    name: 'maillage_db_pool_connections',
    help: 'Database connections of this process, by state (PGlite: one in-process connection)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const current = database();
      if (!current) return;
      const stats = current.poolStats?.() ?? { total: 1, idle: 0, waiting: 0 };
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      const label = route ?? 'unmatched';
      requests.inc({ route: label, method, status: String(status) });
      latency.observe({ route: label, method }, seconds);
    },
  };
}

/** Whether an Authorization header carries the configured bearer token (compared in constant time). */
export function metricsAuthorized(header: string | null, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
