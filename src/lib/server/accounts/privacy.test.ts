import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('accounts and the other domains', () => {
  it('reads no other domain’s tables: each domain exports and erases its own part of a person’s data', () => {
    const folder = import.meta.dirname;
    const sources = readdirSync(folder).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(sources).toContain('personal-data.ts');
    // The outbox is the mail infrastructure's, not a domain's; reference data (territory) is read through its index.
    const foreignTables = sources.filter((file) => /from '\.\.\/(?!mail\/)[a-z-]+\/schema\.ts'/.test(readFileSync(join(folder, file), 'utf8')));
    expect(foreignTables).toEqual([]);
  });
});
