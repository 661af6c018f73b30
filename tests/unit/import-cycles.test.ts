import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER, importGraph } from './import-graph.ts';

// The server code is layered: a domain's model and contracts below its services, the shared kernel below
// the domains. An import cycle (type-only imports included) is where that layering broke.

/** The cycles of a graph, one per strongly connected component of more than one file (or a file importing itself). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}

describe('the import graph of src/lib/server', () => {
  it('finds a cycle when there is one (the check itself)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cyclesOf(graph)).toEqual([['a', 'b', 'c']]);
    expect(cyclesOf(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('reads the imports of every server file', () => {
    const graph = importGraph();
    const service = graph.get(join(SERVER, 'booking/service.ts'));
    expect(service).toContain(join(SERVER, 'booking/model.ts'));
    expect(service).toContain(join(SERVER, 'accounts/index.ts'));
  });

  it('has no cycle', () => {
    const cycles = cyclesOf(importGraph()).map((files) => files.map((file) => relative(SERVER, file)));
    expect(cycles).toEqual([]);
  });
});
