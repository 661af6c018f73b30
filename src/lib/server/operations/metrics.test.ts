import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import type { Database } from '../db/index.ts';
import { createMetrics, metricsAuthorized } from './metrics.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('metrics', () => {
  it('count requests by route and status, time them, and read the outbox and the pool when scraped', async () => {
    const metrics = createMetrics(() => database);
    metrics.observeRequest('GET', '/lieux/[slug]', 200, 0.042);
    metrics.observeRequest('GET', '/lieux/[slug]', 200, 0.3);
    metrics.observeRequest('POST', '/api/v1/bookings', 409, 0.01);
    await database.db.execute(sql`insert into outbox_message (recipient, subject, text_body, template, status, created_at)
      values ('a@example.org', 's', 't', 'test', 'outbox', now() - interval '90 seconds'), ('b@example.org', 's', 't', 'test', 'sent', now())`);
    const text = await metrics.registry.metrics();
    expect(text).toContain('maillage_http_requests_total{route="/lieux/[slug]",method="GET",status="200"} 2');
    expect(text).toContain('maillage_http_requests_total{route="/api/v1/bookings",method="POST",status="409"} 1');
    expect(text).toContain('maillage_http_request_duration_seconds_bucket{le="0.05",route="/lieux/[slug]",method="GET"} 1');
    expect(text).toContain('maillage_outbox_queue_length 1');
    const age = Number(/^maillage_outbox_oldest_message_age_seconds (\S+)$/m.exec(text)![1]);
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(3600);
    expect(text).toMatch(/maillage_db_pool_connections\{state="total"\} \d+/);
    expect(text).toContain('# TYPE maillage_bookings gauge');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('need the configured bearer token', () => {
    expect(metricsAuthorized('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(metricsAuthorized('Bearer s3cret-tokem', 's3cret-token')).toBe(false);
    expect(metricsAuthorized('s3cret-token', 's3cret-token')).toBe(false);
    expect(metricsAuthorized(null, 's3cret-token')).toBe(false);
  });
});
