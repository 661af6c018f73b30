import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findingsIn, scanServerLogs } from '../../scripts/log-scan.js';
import { DEMO_PASSWORD } from '../../src/lib/server/accounts/demo-accounts.ts';

// The scan `npm test` runs over the test servers' logs finds what a log must never hold, and nothing else.

const root = mkdtempSync(join(tmpdir(), 'maillage-log-scan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the log scan', () => {
  it('finds an e-mail address, the demo password, a token and a secret field', () => {
    expect(findingsIn('{"msg":"sign-in failed for marie.dupont@example.org"}', DEMO_PASSWORD)).toEqual(['e-mail address']);
    expect(findingsIn(`{"body":"${DEMO_PASSWORD}"}`, DEMO_PASSWORD)).toEqual(['password']);
    expect(findingsIn('{"url":"/api/auth/verify-email?t=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg"}', DEMO_PASSWORD)).toEqual(['token']);
    expect(findingsIn('{"headers":{"authorization":"Bearer xyz1"}}', DEMO_PASSWORD)).toEqual(['secret field']);
    expect(findingsIn('{"url":"/reset?password=hunter22&x=1"}', DEMO_PASSWORD)).toEqual(['secret field']);
  });

  it('lets through a request line, a redacted field, a request id, a migration name and a message about passwords', () => {
    const lines = [
      '2026-12-08T02:45:08.753Z WARN [Better Auth]: Reset Password: User not found',
      '{"level":"info","route":"/calendrier/[token].ics","status":200,"durationMs":3.1,"requestId":"4b8e2f1c-5b5e-4c59-9d4d-0d8b7b5d7c11","msg":"request"}',
      '{"level":"info","password":"[redacted]","email":"[redacted]","msg":"x"}',
      '{"level":"info","msg":"database pglite at tmp/x, migration 20261208010025_outbox_delivery"}',
    ];
    for (const line of lines) expect(findingsIn(line, DEMO_PASSWORD)).toEqual([]);
  });

  it('reads every tmp/server-PORT.log and says where each finding is', () => {
    mkdirSync(join(root, 'tmp'));
    mkdirSync(join(root, 'src/lib/server/accounts'), { recursive: true });
    symlinkSync(resolve('src/lib/server/accounts/demo-accounts.ts'), join(root, 'src/lib/server/accounts/demo-accounts.ts'));
    writeFileSync(join(root, 'tmp/server-4173.log'), '{"msg":"ok"}\n{"msg":"ok"}\n');
    writeFileSync(join(root, 'tmp/server-4273.log'), `{"msg":"ok"}\n{"msg":"typed ${DEMO_PASSWORD}"}\n`);
    writeFileSync(join(root, 'tmp/other.log'), 'someone@example.org\n');
    const scan = scanServerLogs(root);
    expect(scan.files.sort()).toEqual(['server-4173.log', 'server-4273.log']);
    expect(scan.lines).toBe(4);
    expect(scan.findings).toEqual([expect.objectContaining({ file: 'server-4273.log', line: 2, reasons: ['password'] })]);
  });
});
