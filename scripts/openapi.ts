// `npm run openapi`: writes docs/openapi.json from the code that serves /api/v1/openapi.json, with the
// version of package.json as the server gives it (svelte.config.js). A unit test fails when the two drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { OPENAPI_FILE, openApiDocument } from '../src/lib/server/http/openapi.ts';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
writeFileSync(OPENAPI_FILE, `${JSON.stringify(openApiDocument(version), null, 2)}\n`);
console.log(`${OPENAPI_FILE} written (version ${version})`);
