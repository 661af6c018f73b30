import { createDocument } from 'zod-openapi';
import { accountsPaths } from '../accounts/api.ts';
import { organizationsPaths } from '../accounts/organizations-api.ts';
import { bookingPaths } from '../booking/api.ts';
import { eventsPaths } from '../events/api.ts';
import { impactPaths } from '../impact/api.ts';
import { observatoryPaths } from '../observatory/api.ts';
import { placesPaths } from '../places/api.ts';
import { simulatorPaths } from '../simulator/api.ts';
import { surveysPaths } from '../surveys/api.ts';
import { communityPaths } from '../community/api.ts';
import { territoryPaths } from '../territory/api.ts';

/** Where `npm run openapi` writes the document (scripts/openapi.ts); a test compares it with the code. */
export const OPENAPI_FILE = 'docs/openapi.json';

/** The OpenAPI description of /api/v1, gathered from each domain's `api.ts`. */
export function openApiDocument(version: string) {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Maillage API',
      version,
      description:
        'Open API of Maillage. Errors are RFC 9457 problems whose `detail` follows Accept-Language (fr, en). ' +
        'Reference data: INSEE COG via Etalab (Licence Ouverte 2.0), GeoNames (CC BY 4.0); emission factors: ADEME Impact CO2 / Base Empreinte (Licence Ouverte).',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: '/api/v1' }],
    paths: {
      ...territoryPaths,
      ...placesPaths,
      ...simulatorPaths,
      ...accountsPaths,
      ...organizationsPaths,
      ...bookingPaths,
      ...observatoryPaths,
      ...surveysPaths,
      ...communityPaths,
      ...eventsPaths,
      ...impactPaths,
    },
  });
}
