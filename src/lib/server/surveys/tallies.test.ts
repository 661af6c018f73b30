import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { rollBack } from '../../../../tests/setup/migrations.ts';
import { makePlatformAdmin, refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { createOrganization, type Accounts } from '../accounts/index.ts';
import { member } from '../accounts/schema.ts';
import { queryRows, type Database } from '../db/index.ts';
import { getCommune } from '../territory/index.ts';
import { syntheticResponses } from './demo.ts';
import { teamResults } from './reports.ts';
import { computeResults } from './results.ts';
import { createOneTimeCodes, createSurvey, enterPaperResponse, publishSurvey, responseRows, submitResponse, updateDefinition, type SurveyContext } from './service.ts';
import { definitionsOf, readTally, recountTallies, tallyOfRows } from './tallies.ts';
import { CCVLV_2016 } from './template.ts';

let database: Database;
let accounts: Accounts;
let council: SignedIn;
let organizationId: string;
let epci: string;

/** Tuesday 1 December 2026, 10:00 in Paris. */
const NOW = new Date('2026-12-01T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
  const admin = await makePlatformAdmin(accounts, await signedUpPerson(accounts));
  council = await signedUpPerson(accounts);
  epci = (await getCommune(accounts.db, '46182')).epci!.code;
  organizationId = (await createOrganization(admin.ctx, { name: `CC Vallée du Lot ${Date.now()}`, kind: 'territory', scopeLevel: 'epci', scopeCode: epci })).id;
  await accounts.db.insert(member).values({ id: randomUUID(), organizationId, userId: council.userId, role: 'staff' });
  council = await refreshed(accounts, council);
});
afterAll(() => database?.close());

const ctx = (): SurveyContext => ({ db: accounts.db, actor: council.ctx.actor, now: NOW });

async function publishedSurvey(publication: Record<string, unknown> = {}) {
  const { id } = await createSurvey(ctx(), organizationId);
  await publishSurvey(ctx(), id, { opensOn: '2026-11-01', ...publication });
  return id;
}

/** Synthetic answers as a browser posts them (both paths, conditions, rankings, numbers, communes). */
async function bodies(count: number, seed: number) {
  return (await syntheticResponses(accounts.db, epci, count, seed)).map((s) => ({ answers: s.answers, others: s.others }));
}

describe('tallies', () => {
  it('count, answer by answer and in two versions, what counting the stored answers again gives, with every filter', async () => {
    const id = await publishedSurvey();
    const answers = await bodies(60, 3);
    for (const [i, body] of answers.entries()) {
      if (i === 40) {
        // A second version (a reworded label): later answers use it.
        const reworded = structuredClone(CCVLV_2016);
        reworded.title.fr = 'Besoins 2027';
        expect(await updateDefinition(ctx(), id, reworded)).toMatchObject({ version: 2, newVersion: true });
      }
      if (i % 10 === 0) await enterPaperResponse(ctx(), id, body);
      else await submitResponse(accounts.db, id, body, { channel: 'online', respondentToken: randomUUID(), now: NOW });
    }
    const definitions = await definitionsOf(accounts.db, id);
    const counted = tallyOfRows(definitions, await responseRows(accounts.db, id));
    const stored = await readTally(accounts.db, id);
    expect(stored).toEqual(counted);
    expect(stored.answers).toBe(60);
    expect(stored.keys.get('')!.get('channel:paper')).toBe(6);

    for (const filters of [{ version: 2 }, { path: 'person' }, { commune: '46182' }, { version: 1, path: 'company' }]) {
      const expected = computeResults(CCVLV_2016, tallyOfRows(definitions, await responseRows(accounts.db, id, filters)), { locale: 'fr' });
      expect(computeResults(CCVLV_2016, await readTally(accounts.db, id, filters), { locale: 'fr' })).toEqual(expected);
    }
    // A filter on another question's answer counts the answers it keeps.
    const weekly = (await responseRows(accounts.db, id)).filter((r) => r.answers.answers.frequency === 'weekly');
    const filtered = await teamResults(ctx(), id, { question: 'frequency', answer: 'weekly' }, 'fr');
    expect(filtered.results.respondents).toEqual(weekly.length >= 5 ? { kind: 'count', value: weekly.length } : { kind: 'small' });

    await recountTallies(accounts.db, id);
    expect(await readTally(accounts.db, id)).toEqual(counted);
  });

  it('lose no answer stored while they are counted again, nor count one twice', async () => {
    const id = await publishedSurvey();
    const answers = await bodies(30, 5);
    await Promise.all([
      ...answers.map((body) => submitResponse(accounts.db, id, body, { channel: 'online', respondentToken: randomUUID(), now: NOW })),
      recountTallies(accounts.db, id),
      recountTallies(accounts.db, id),
    ]);
    expect((await readTally(accounts.db, id)).answers).toBe(30);
    expect(await readTally(accounts.db, id)).toEqual(tallyOfRows(await definitionsOf(accounts.db, id), await responseRows(accounts.db, id)));
  });
});

describe('anonymity at scale', () => {
  it('after 1,000 answers, no survey table holds an IP address, a user agent or a time finer than the day', async () => {
    const id = await publishedSurvey({ accessCode: 'LOT-2026' });
    const codes = await createOneTimeCodes(ctx(), id, 20);
    const answers = await bodies(250, 9);
    const [before] = await queryRows<{ updated_at: string }>(accounts.db, sql`select updated_at::text from surveys where id = ${id}::uuid`);
    const addresses = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const body = { ...answers[i % answers.length]!, ...(i < 20 ? { oneTimeCode: codes[i] } : { accessCode: 'LOT-2026' }), ...(i % 50 === 0 && { contact: { name: `Personne ${i}`, email: `p${i}@example.org` } }) };
      // The address and retry key the API hands the domain; the address is only ever counted as a digest.
      const address = i % 2 ? `203.0.113.${i % 250}` : `2001:db8::${i.toString(16)}`;
      addresses.add(address);
      if (i % 100 === 99) await enterPaperResponse(ctx(), id, body, randomUUID());
      else await submitResponse(accounts.db, id, body, { channel: 'online', respondentToken: randomUUID(), submissionKey: randomUUID(), clientKey: address, now: new Date(NOW.getTime() + i * 60_000), perHour: 1000 });
    }
    expect((await readTally(accounts.db, id)).answers).toBe(1000);

    const tables = await queryRows<{ table_name: string }>(
      accounts.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and (table_name = 'surveys' or table_name like 'survey\_%') order by 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(['survey_contacts', 'survey_one_time_codes', 'survey_responses', 'survey_tallies', 'survey_versions', 'surveys']);
    // Times of day exist only on the survey and its versions (when the team wrote them), and answering moves neither.
    const timed = await queryRows<{ table_name: string; column_name: string }>(
      accounts.db,
      sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and (table_name = 'surveys' or table_name like 'survey\_%')
          and (data_type like 'timestamp%' or data_type like 'time%') order by 1, 2`,
    );
    expect(timed).toEqual([
      { table_name: 'survey_versions', column_name: 'created_at' },
      { table_name: 'surveys', column_name: 'created_at' },
      { table_name: 'surveys', column_name: 'updated_at' },
    ]);
    const [after] = await queryRows<{ updated_at: string }>(accounts.db, sql`select updated_at::text from surveys where id = ${id}::uuid`);
    expect(after).toEqual(before);

    // Digests are digests (SHA-256, base64url), whatever they were made from.
    const digests = await queryRows<{ digest: string }>(
      accounts.db,
      sql`select respondent_digest as digest from survey_responses where survey_id = ${id}::uuid and respondent_digest is not null
          union all select submission_digest from survey_responses where survey_id = ${id}::uuid and submission_digest is not null
          union all select code_digest from survey_one_time_codes where survey_id = ${id}::uuid`,
    );
    expect(digests.length).toBeGreaterThan(1000);
    for (const { digest } of digests) expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Every other value of every row of the answers' tables, as text.
    for (const table of ['survey_responses', 'survey_tallies', 'survey_one_time_codes', 'survey_contacts']) {
      const rows = await queryRows<{ row: string }>(
        accounts.db,
        sql`select (to_jsonb(t) - 'respondent_digest' - 'submission_digest' - 'code_digest')::text as row from ${sql.identifier(table)} t where t.survey_id = ${id}::uuid`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const { row } of rows) {
        expect(row).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/);
        expect(row).not.toMatch(/2001:db8/i);
        expect(row).not.toMatch(/mozilla|applewebkit|chrome|safari|gecko|curl|node/i);
        expect(row).not.toMatch(/\d{2}:\d{2}(:\d{2})?/);
      }
      const text = rows.map((r) => r.row).join('\n');
      for (const address of addresses) expect(text.includes(address)).toBe(false);
    }
  }, 300_000); // 1,000 answers one after another: about 20 s on an idle machine, more on a shared one.
});
