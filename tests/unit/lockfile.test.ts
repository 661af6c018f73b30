import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Locked = { version?: string; optionalDependencies?: Record<string, string>; os?: string[]; cpu?: string[] };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, Locked> };
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };

describe('reproducible install', () => {
  // `npm ci` refuses a lock file that misses any optional dependency, even one for another platform that
  // the registry here does not serve (the message compiler's @lix-js/sdk-darwin-arm64 and the like), while
  // `npm install` silently drops it. Each must keep an entry naming its platform so `npm ci` skips it.
  it('locks every optional dependency of every locked package', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        checked += 1;
        const nested = `${path}/node_modules/${name}`;
        if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) missing.push(`${path} → ${name}`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('asks for a supported Node.js (24 LTS or later)', () => {
    expect(pkg.engines.node).toBe('>=24');
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });
});
