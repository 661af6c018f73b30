import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { PersonalDataExport, Profile, ProfilePatch } from './me-contracts.ts';

const SESSION =
  'Authenticated by the session cookie set at sign-in (the same as the pages); without it the answer is a 401 problem.';

/** The signed-in person's own data: profile, changes, export (GDPR art. 15 and 20). */
export const accountsPaths: ZodOpenApiPathsObject = {
  '/me': {
    get: {
      summary: "The signed-in person's profile, with their latest consent choices",
      description: SESSION,
      tags: ['accounts'],
      responses: {
        '200': { description: 'The profile', content: { 'application/json': { schema: Profile } } },
        ...problemResponses('401'),
      },
    },
    patch: {
      summary: "Changes the signed-in person's profile",
      description:
        `${SESSION} The fields given replace the current ones, the others stay; \`null\` or an empty string clears ` +
        'the home commune or the phone number. An unknown INSEE code is refused (400, with the field in `errors`).',
      tags: ['accounts'],
      requestBody: { content: { 'application/json': { schema: ProfilePatch } } },
      responses: {
        '200': { description: 'The profile as saved', content: { 'application/json': { schema: Profile } } },
        ...problemResponses('400', '401', '413'),
      },
    },
  },
  '/me/export': {
    get: {
      summary: 'Everything Maillage holds about the signed-in person, as a JSON file',
      description: `${SESSION} Answered as an attachment (\`content-disposition\`), never cached.`,
      tags: ['accounts'],
      responses: {
        '200': { description: 'The personal data', content: { 'application/json': { schema: PersonalDataExport } } },
        ...problemResponses('401'),
      },
    },
  },
};
