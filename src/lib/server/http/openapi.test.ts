import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, openApiDocument } from './openapi.ts';

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? routeFiles(path) : entry === '+server.ts' ? [path] : [];
  });
}

describe('OpenAPI description', () => {
  const document = openApiDocument('test');

  it('documents every /api/v1 endpoint', () => {
    const routes = routeFiles('src/routes/api/v1')
      .map((file) => `/${relative('src/routes/api/v1', file).replace(/\/?\+server\.ts$/, '')}`.replace(/\[(\w+)\]/g, '{$1}'))
      // The spec itself and the catch-all 404 are not resources.
      .filter((path) => path !== '/openapi.json' && !path.includes('...'));
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) expect(Object.keys(document.paths ?? {}), route).toContain(route);
  });

  it('describes the commune search parameters and the error responses', () => {
    const search = document.paths?.['/communes']?.get;
    const names = (search?.parameters ?? []).map((p) => ('name' in p ? p.name : ''));
    expect(names).toEqual(expect.arrayContaining(['q', 'postalCode', 'near', 'limit']));
    expect(Object.keys(search?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400']));
  });
});

describe('docs/openapi.json', () => {
  it('is the document the code serves (run `npm run openapi` after changing an api.ts)', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument(version))));
  });
});
