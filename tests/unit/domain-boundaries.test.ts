import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER, importGraph } from './import-graph.ts';

// A domain reads another only through its index.ts, so that what a domain publishes is written in one place
// and its inside can change freely. A domain's schema.ts may name another's tables for its foreign keys.
// The kernel (db, geo, http, mail) and the demo wiring are not domains.

const NOT_DOMAINS = new Set(['db', 'geo', 'http', 'mail', 'demo']);

/** The domain a server file belongs to and its path inside it; null for the kernel and top-level files. */
function placeOf(file: string): { domain: string; path: string } | null {
  const [first, ...rest] = relative(SERVER, file).split(sep);
  if (rest.length === 0 || NOT_DOMAINS.has(first!)) return null;
  return { domain: first!, path: rest.join('/') };
}

/** Imports of one domain's file into another domain's inside: `from -> to`, relative to src/lib/server. */
function boundaryBreaches(graph: Map<string, string[]>): string[] {
  const breaches: string[] = [];
  for (const [file, targets] of graph) {
    const source = placeOf(file);
    if (!source) continue;
    for (const target of targets) {
      const into = placeOf(target);
      if (!into || into.domain === source.domain || into.path === 'index.ts') continue;
      if (source.path === 'schema.ts' && into.path === 'schema.ts') continue;
      breaches.push(`${relative(SERVER, file)} -> ${relative(SERVER, target)}`);
    }
  }
  return breaches.sort();
}

describe('domain boundaries in src/lib/server', () => {
  it('finds an import into another domain’s inside (the check itself)', () => {
    const file = (path: string) => join(SERVER, path);
    const graph = new Map([
      [file('booking/service.ts'), [file('places/index.ts'), file('places/queries.ts'), file('db/database.ts')]],
      [file('booking/schema.ts'), [file('places/schema.ts')]],
      [file('db/schema.ts'), [file('booking/schema.ts')]],
    ]);
    expect(boundaryBreaches(graph)).toEqual(['booking/service.ts -> places/queries.ts']);
  });

  it('has every domain read another through its index.ts', () => {
    expect(boundaryBreaches(importGraph())).toEqual([]);
  });
});
