import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';

const fixture = new URL('../lib/server/observatory/fixtures/pmed1.txt', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'maillage-siting-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  try {
    return { code: await main(['node', 'maillage', ...args]), out: out.join(''), err: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('maillage siting orlib', () => {
  it('prints 5819 for pmed1 with p = 5, on the fast and the exact path', async () => {
    const result = await cli('siting', 'orlib', fixture, '5');
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('5819');
    expect(result.out).toMatch(/fast path: 5819, lower bound 5819\.\d/);
    expect(result.out).toContain('exact path: 5819 (optimal)');
  }, 60_000);

  it('reports a bad file or p plainly, with exit code 2', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '3 5 1\n1 2 4\n');
    const truncated = await cli('siting', 'orlib', bad, '1');
    expect(truncated.code).toBe(2);
    expect(truncated.err).toContain('5 edges announced');
    const tooMany = await cli('siting', 'orlib', fixture, '101', '--no-exact');
    expect(tooMany.code).toBe(2);
    expect(tooMany.err).toContain('p must be a whole number in 1..100');
  });
});
