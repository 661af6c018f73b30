import * as z from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { MessageInput, MessageSentJson, ProfileListJson, ProfileSearchQuery } from './contracts.ts';
import { MESSAGES_PER_HOUR } from './messages.ts';

const profilePath = z.object({ id: z.string().max(100).meta({ description: 'The member’s id, as the directory gives it' }) });

/** The community part of the OpenAPI description, built from the contracts the routes parse and answer with. */
export const communityPaths: ZodOpenApiPathsObject = {
  '/profiles': {
    get: {
      summary: 'The skills directory: members by skill, words and distance',
      description:
        'Public profiles for everyone; profiles shown to the network’s members too when signed in. With `near` (a commune or a point), ' +
        'only profiles within `radiusKm` (1 to 200, default 30), nearest first, with `distanceKm`. No profile carries an e-mail ' +
        'address or a phone number: write through `POST /profiles/{id}/messages`. An unknown skill code, a radius of 0 or over ' +
        '200 km, an unknown commune: 400.',
      tags: ['community'],
      requestParams: { query: ProfileSearchQuery },
      responses: { '200': { description: 'Profiles', content: { 'application/json': { schema: ProfileListJson } } }, ...problemResponses('400') },
    },
  },
  '/profiles/{id}/messages': {
    post: {
      summary: 'Write to a member (relayed: neither address is shown)',
      description:
        'Signed in. The message is kept in the app and announced to the member by e-mail from the instance; the member reads and ' +
        'replies in the app, and the writer learns the member’s address only if they reply. A private profile, or one the writer ' +
        `cannot see: 404; a member who blocked the writer: 403; more than ${MESSAGES_PER_HOUR} messages an hour: 429. Nothing is ` +
        'saved when refused. JSON bodies only.',
      tags: ['community'],
      requestParams: { path: profilePath },
      requestBody: { content: { 'application/json': { schema: MessageInput } } },
      responses: {
        '201': { description: 'Sent', content: { 'application/json': { schema: MessageSentJson } } },
        ...problemResponses('400', '401', '403', '404', '415', '429'),
      },
    },
  },
};
