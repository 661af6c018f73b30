import type { AddressInfo } from 'node:net';
import { desc, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { browserHeaders, newPerson, testAccounts } from '../../../../tests/factories/accounts.ts';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { user } from '../accounts/schema.ts';
import { readConfig } from '../config.ts';
import type { Database } from '../db/index.ts';
import { outboxMessage } from './schema.ts';
import { log } from '../log.ts';

// Delivery over SMTP to a real SMTP server (smtp-server) on a free local port: what arrives, and what the
// outbox records when the server refuses or is not there.

interface Arrived {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP server on 127.0.0.1 (plain, no authentication) that keeps what it receives, or refuses every recipient. */
async function startSmtpServer(options: { refuse?: boolean } = {}) {
  const arrived: Arrived[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(options.refuse ? Object.assign(new Error('Mailbox unavailable: relaying denied'), { responseCode: 550 }) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        arrived.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    arrived,
    smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ————— Just enough MIME to read a message nodemailer wrote —————

const bytesToText = (hex: string) => Buffer.from(hex.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

/** A header's value, unfolded, its RFC 2047 encoded words decoded. */
function header(head: string, name: string): string {
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const value = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded)?.[1] ?? '';
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : bytesToText(text.replace(/_/g, ' ')),
    );
}

function decodeBody(head: string, body: string): string {
  const encoding = header(head, 'Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return bytesToText(body.replace(/=\r\n/g, ''));
  return body;
}

/** The headers and the text/plain part of a message. */
function readMessage(raw: string): { head: string; text: string } {
  const split = (part: string) => {
    const at = part.indexOf('\r\n\r\n');
    return { head: part.slice(0, at), body: part.slice(at + 4) };
  };
  const { head, body } = split(raw);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(header(head, 'Content-Type'))?.[1];
  if (!boundary) return { head, text: decodeBody(head, body) };
  const parts = body.split(`--${boundary}`).map((part) => split(part.replace(/^\r\n/, '')));
  const plain = parts.find((part) => /^text\/plain/i.test(header(part.head, 'Content-Type')))!;
  return { head, text: decodeBody(plain.head, plain.body) };
}

// ————— Tests —————

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

/** Runs `run` with error logs captured: a failed delivery is logged, and that is expected here. */
async function expectingDeliveryError(run: () => Promise<void>) {
  const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
  try {
    await run();
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'SMTP delivery failed');
  } finally {
    logged.mockRestore();
  }
}

async function outboxRowFor(email: string) {
  const [row] = await database.db.select().from(outboxMessage).where(eq(outboxMessage.recipient, email)).orderBy(desc(outboxMessage.id)).limit(1);
  return row;
}

/** Signs someone up through better-auth, as the sign-up page does. */
async function signUp(smtpUrl: string, person: ReturnType<typeof newPerson>, preferredLanguage: 'fr' | 'en') {
  const accounts = await testAccounts(database, { smtpUrl });
  const result = await accounts.auth.api.signUpEmail({ body: { ...person, preferredLanguage }, headers: browserHeaders() });
  return result.user;
}

describe('delivery over SMTP', () => {
  it('delivers the verification message in the person’s language, with its link, and records it as sent', async () => {
    const smtp = await startSmtpServer();
    try {
      const person = newPerson('smtp');
      await signUp(smtp.smtpUrl, person, 'en');
      await vi.waitFor(() => expect(smtp.arrived).toHaveLength(1), { timeout: 10_000 });
      const [mail] = smtp.arrived;
      expect(mail!.to).toEqual([person.email]);
      expect(mail!.from).toBe(/<([^>]+)>/.exec(readConfig({}).mailFrom)![1]);

      const { head, text } = readMessage(mail!.raw);
      expect(header(head, 'Subject')).toBe('Verify your e-mail address');
      expect(header(head, 'To')).toBe(person.email);
      expect(header(head, 'From')).toBe(readConfig({}).mailFrom);
      const link = /https?:\/\/\S+/.exec(text)?.[0];
      expect(link).toMatch(/^http:\/\/localhost:3000\/api\/auth\/verify-email\?token=[\w.-]+&callbackURL=/);
      expect(text).toContain(person.name);

      await vi.waitFor(async () => expect(await outboxRowFor(person.email)).toMatchObject({ status: 'sent', error: null }));
      const row = (await outboxRowFor(person.email))!;
      expect(row.sentAt).toBeInstanceOf(Date);
      expect(row.subject).toBe('Verify your e-mail address');
      // The outbox keeps the very text that was delivered.
      expect(row.textBody).toContain(link!);
    } finally {
      await smtp.close();
    }
  });

  it('records a refusal by the server as failed, with its error; the sign-up itself succeeds', async () => {
    const smtp = await startSmtpServer({ refuse: true });
    await expectingDeliveryError(async () => {
      const person = newPerson('refused');
      const created = await signUp(smtp.smtpUrl, person, 'fr');
      expect(created).toMatchObject({ email: person.email, emailVerified: false });
      await vi.waitFor(async () => expect((await outboxRowFor(person.email))?.status).toBe('failed'), { timeout: 10_000 });
      const row = (await outboxRowFor(person.email))!;
      expect(row.error).toMatch(/550|relaying denied/i);
      expect(row.sentAt).toBeNull();
      expect(row.subject).toBe('Vérifiez votre adresse e-mail');
      expect(smtp.arrived).toEqual([]);
      const [account] = await database.db.select({ id: user.id }).from(user).where(eq(user.email, person.email));
      expect(account?.id).toBe(created.id);
    }).finally(() => smtp.close());
  });

  it('keeps the message with its error when the server is down, to try again a minute later; the sign-up itself succeeds', async () => {
    const smtp = await startSmtpServer();
    await smtp.close(); // the port is free again: nobody answers there
    await expectingDeliveryError(async () => {
      const person = newPerson('down');
      const created = await signUp(smtp.smtpUrl, person, 'fr');
      expect(created.email).toBe(person.email);
      await vi.waitFor(async () => expect((await outboxRowFor(person.email))?.error).toMatch(/ECONNREFUSED|connect/i), { timeout: 10_000 });
      const row = (await outboxRowFor(person.email))!;
      expect(row).toMatchObject({ status: 'outbox', attempts: 1, sentAt: null });
      expect(row.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(50_000);
    });
  });
});
