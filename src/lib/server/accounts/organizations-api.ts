import * as z from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { memberRoles, organizationKinds, scopeLevels } from './schema.ts';

// The organization endpoints' outputs (dates as ISO 8601 strings, as JSON carries them) and their OpenAPI paths.

const timestamp = z.string().meta({ description: 'ISO 8601 date and time', example: '2026-03-01T09:30:00.000Z' });
const role = z.enum(memberRoles);

export const OrganizationSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    kind: z.enum(organizationKinds).meta({ description: 'operator, territory (a council), employer or network' }),
    scopeLevel: z.enum(scopeLevels).nullable().meta({ description: 'Territory organizations: the level of the area they speak for' }),
    scopeCode: z.string().nullable().meta({ description: 'Territory organizations: INSEE code or SIREN of that area' }),
    createdAt: timestamp,
  })
  .meta({ id: 'OrganizationSummary' });

export const MyOrganization = OrganizationSummary.extend({ role: role.meta({ description: "The caller's role in it" }) }).meta({
  id: 'MyOrganization',
});

export const MyOrganizationList = z.array(MyOrganization).meta({ id: 'MyOrganizationList' });

export const OrganizationMember = z
  .object({
    id: z.string().meta({ description: 'The membership id' }),
    userId: z.string(),
    name: z.string(),
    email: z
      .string()
      .nullable()
      .meta({ description: 'Only for those who manage the members (owner, admins, platform administrators); null for the others' }),
    role,
    since: timestamp,
  })
  .meta({ id: 'OrganizationMember' });

export const OrganizationMemberList = z.array(OrganizationMember).meta({ id: 'OrganizationMemberList' });

export const PendingInvitation = z
  .object({ id: z.string(), email: z.string(), role, expiresAt: timestamp })
  .meta({ id: 'PendingInvitation' });

export const OrganizationDetails = OrganizationSummary.extend({
  members: OrganizationMemberList,
  invitations: z
    .array(PendingInvitation)
    .meta({ description: 'Pending invitations, for those who may invite or manage members; empty for the others' }),
  myRole: role.nullable().meta({ description: "The caller's role; null for a platform administrator who is not a member" }),
  permissions: z
    .object({ invite: z.boolean(), manageMembers: z.boolean(), transferOwnership: z.boolean(), leave: z.boolean() })
    .meta({ description: 'What the caller may do with it' }),
}).meta({ id: 'OrganizationDetails' });

const path = { path: z.object({ id: z.string().meta({ description: 'The organization id' }) }) };

/** A read of one organization: members and platform administrators only; anyone else gets 404 as for an unknown id. */
const readOfOne = (summary: string, description: string, schema: z.ZodType) => ({
  get: {
    summary,
    description:
      'An organization the caller is not a member of answers 404 exactly like an unknown id (platform administrators see every one).',
    tags: ['organizations'],
    requestParams: path,
    responses: {
      '200': { description, content: { 'application/json': { schema } } },
      ...problemResponses('401', '404'),
    },
  },
});

/** The organizations part of the OpenAPI description. Every route needs a session (the `maillage.session_token` cookie). */
export const organizationsPaths: ZodOpenApiPathsObject = {
  '/organizations': {
    get: {
      summary: "The caller's organizations, with their role in each",
      tags: ['organizations'],
      responses: {
        '200': { description: 'Sorted by name', content: { 'application/json': { schema: z.object({ items: MyOrganizationList }).meta({ id: 'MyOrganizations' }) } } },
        ...problemResponses('401'),
      },
    },
  },
  '/organizations/{id}': readOfOne('One organization: its members, its pending invitations, what the caller may do', 'The organization', OrganizationDetails),
  '/organizations/{id}/members': readOfOne(
    'The members of an organization, owner first, then admins, then staff',
    'The members',
    z.object({ items: OrganizationMemberList }).meta({ id: 'OrganizationMembers' }),
  ),
};
