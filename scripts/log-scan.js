// What the app processes started by the tests wrote (tmp/server-PORT.log), read back for what a log must never
// hold: an e-mail address, a password (the demo one is known), a bearer or session token. The logger scrubs
// these (src/lib/server/log.ts); this reads what reached the file by any path, the logger's or another's.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const EMAIL = /[^\s@"'<>(),;:\\]+@[^\s@"'<>(),;:\\]+\.[A-Za-z]{2,}/;
const TOKEN = /(?<![\w-])[A-Za-z0-9_-]{32,}(?![\w-])/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A migration's name (`20261208010025_outbox_delivery`): long, but no secret. */
const MIGRATION = /^\d{14}_[a-z0-9_]+$/;
/** A field named like a secret with a value: `"password":"…"` (JSON) or `token=…` (a query), not the words of a message. */
const SECRET_FIELD = /"(password|token|secret|authorization|cookie)"\s*:\s*"(?!\[redacted\])[^"]{4,}|\b(password|token|secret)=(?!\[redacted\])[^\s&"]{4,}/i;

/** @param {string} root */
function demoPassword(root) {
  const source = readFileSync(join(root, 'src/lib/server/accounts/demo-accounts.ts'), 'utf8');
  return /DEMO_PASSWORD = '([^']+)'/.exec(source)?.[1] ?? null;
}

/**
 * The reasons a line must not be in a log, or an empty list.
 * @param {string} line
 * @param {string | null} password
 * @returns {string[]}
 */
export function findingsIn(line, password) {
  const found = [];
  if (EMAIL.test(line)) found.push('e-mail address');
  if (password && line.includes(password)) found.push('password');
  if (SECRET_FIELD.test(line)) found.push('secret field');
  for (const match of line.match(TOKEN) ?? []) {
    if (!UUID.test(match) && !MIGRATION.test(match)) {
      found.push('token');
      break;
    }
  }
  return found;
}

/**
 * Scans every tmp/server-*.log under `root`; returns the lines read and the findings (file, line, reasons).
 * @returns {{ files: string[], lines: number, findings: { file: string, line: number, reasons: string[], text: string }[] }}
 */
export function scanServerLogs(root = '.') {
  const dir = join(root, 'tmp');
  const password = demoPassword(root);
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => /^server-\d+\.log$/.test(name)) : [];
  let lines = 0;
  /** @type {{ file: string, line: number, reasons: string[], text: string }[]} */
  const findings = [];
  for (const name of files) {
    const text = readFileSync(join(dir, name), 'utf8').split('\n');
    text.forEach((line, index) => {
      if (!line) return;
      lines += 1;
      const reasons = findingsIn(line, password);
      if (reasons.length) findings.push({ file: name, line: index + 1, reasons, text: line.slice(0, 200) });
    });
  }
  return { files, lines, findings };
}
