import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// The import graph of the server code, read from the sources (type-only imports included).

const ROOT = resolve(import.meta.dirname, '../..');
export const SERVER = join(ROOT, 'src/lib/server');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The file an import specifier names, when it is one of ours (relative or `$lib/`); null for packages. */
function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith('$lib/') ? join(ROOT, 'src/lib', specifier.slice(5)) : specifier.startsWith('.') ? resolve(dirname(from), specifier) : null;
  if (base === null) return null;
  for (const candidate of [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  }
  return null;
}

const IMPORT = /^\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]/gm;

/** Each server file and the server files it imports. */
export function importGraph(files = sourceFiles(SERVER)): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((match) => resolveImport(file, match[1]!)).filter((target): target is string => target !== null && target.startsWith(SERVER));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}
