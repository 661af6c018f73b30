import * as z from 'zod';
import { locationParam } from '../geo/index.ts';
import { plainName } from '../names.ts';
import { booleanParam, integerParam } from '../params.ts';
import { inseeCode } from '../territory/index.ts';
import { isSkillCode, MAX_FREE_SKILL_LENGTH, MAX_FREE_SKILLS, MAX_SKILLS } from './model.ts';
import { amountRanges, PROFILE_LANGUAGES, SKILL_CODES, visibilities } from './vocabulary.ts';

// Error messages are catalogue keys (`error_<key>`), translated at the HTTP boundary.

/** The largest radius of a skills search: a local client looks around, not across France. */
export const MAX_PROFILE_RADIUS_KM = 200;
export const DEFAULT_PROFILE_RADIUS_KM = 30;
export const PROFILE_PAGE_SIZE = 20;
export const MAX_LINKS = 5;
export const MAX_PLACES = 10;
export const MAX_MESSAGE_LENGTH = 4000;

const text = (max: number, error: string) => plainName(z.string().trim().max(max, { error }), error);

const link = z
  .string()
  .trim()
  .max(200, { error: 'community_link_invalid' })
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, { error: 'community_link_invalid' });

/** What a member writes in their profile (the form and the API). */
export const ProfileInput = z
  .object({
    publicName: text(80, 'community_name_invalid').pipe(z.string().min(1, { error: 'community_name_required' })),
    headline: text(140, 'community_headline_too_long').default(''),
    about: z.string().trim().max(2000, { error: 'community_about_too_long' }).default(''),
    visibility: z.enum(visibilities, { error: 'community_visibility_invalid' }).default('private'),
    skills: z.array(z.string().max(60)).max(MAX_SKILLS, { error: 'community_too_many_skills' }).default([]),
    freeSkills: z.array(text(MAX_FREE_SKILL_LENGTH, 'community_free_skill_invalid')).max(MAX_FREE_SKILLS, { error: 'community_too_many_skills' }).default([]),
    languages: z.array(z.enum(PROFILE_LANGUAGES, { error: 'community_language_invalid' })).max(PROFILE_LANGUAGES.length).default([]),
    communeCode: inseeCode.nullable().default(null),
    links: z.array(link).max(MAX_LINKS, { error: 'community_too_many_links' }).default([]),
    availableForMissions: z.boolean().default(false),
    placeIds: z.array(z.uuid({ error: 'community_place_invalid' })).max(MAX_PLACES, { error: 'community_too_many_places' }).default([]),
  })
  .meta({ id: 'CommunityProfileInput' });
export type ProfileInput = z.output<typeof ProfileInput>;

const skillParam = z
  .string()
  .trim()
  .refine(isSkillCode, { error: 'community_skill_unknown' })
  .meta({ description: `A curated skill code (${SKILL_CODES.length} codes, e.g. web-development)`, example: 'web-development' });

/** `GET /api/v1/profiles` and the directory's GET form. */
export const ProfileSearchQuery = z
  .object({
    skill: skillParam.optional(),
    q: z.string().trim().max(100, { error: 'community_query_too_long' }).optional().meta({ description: 'Words of a name, headline or skill (accents and case ignored)' }),
    near: locationParam('Nearest first from').optional(),
    radiusKm: integerParam(`Radius around near, km: 1 to ${MAX_PROFILE_RADIUS_KM}; default ${DEFAULT_PROFILE_RADIUS_KM}`)
      .pipe(z.number().min(1, { error: 'community_radius_invalid' }).max(MAX_PROFILE_RADIUS_KM, { error: 'community_radius_invalid' }))
      .optional(),
    place: z.uuid({ error: 'community_place_invalid' }).optional().meta({ description: 'Only members who use this place (its id)' }),
    available: booleanParam('Only members available for missions').optional(),
    page: integerParam('Page, from 1').pipe(z.number().min(1, { error: 'community_page_invalid' }).max(500, { error: 'community_page_invalid' })).optional(),
  })
  .meta({ id: 'CommunityProfileQuery' });
export type ProfileSearchQuery = z.output<typeof ProfileSearchQuery>;

export const MessageInput = z
  .object({
    body: z
      .string()
      .trim()
      .min(1, { error: 'community_message_empty' })
      .max(MAX_MESSAGE_LENGTH, { error: 'community_message_too_long' })
      .meta({ description: `The message, plain text, at most ${MAX_MESSAGE_LENGTH} characters` }),
  })
  .meta({ id: 'CommunityMessageInput' });

export const CollaborationInput = z.object({
  amountRange: z.enum(amountRanges, { error: 'community_amount_invalid' }).nullable().default(null),
});

export const ReportInput = z.object({ reason: z.string().trim().min(1, { error: 'community_report_reason' }).max(1000, { error: 'community_report_reason' }) });

const SkillJson = z.object({ key: z.string(), label: z.string(), curated: z.boolean() });

/** A profile as the directory and the API show it: never an e-mail address or a phone number. */
export const ProfileJson = z
  .object({
    id: z.string().meta({ description: 'The member’s id (write to them at /profiles/{id}/messages)' }),
    publicName: z.string(),
    headline: z.string(),
    about: z.string(),
    visibility: z.enum(visibilities),
    skills: z.array(SkillJson),
    languages: z.array(z.string()),
    commune: z.object({ code: z.string(), name: z.string() }).nullable(),
    distanceKm: z.number().nullable().meta({ description: 'From `near`, when given' }),
    places: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
    links: z.array(z.string()),
    availableForMissions: z.boolean(),
    synthetic: z.boolean(),
  })
  .meta({ id: 'CommunityProfile' });

export const ProfileListJson = z
  .object({ items: z.array(ProfileJson), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'CommunityProfileList' });

export const MessageSentJson = z
  .object({ conversationId: z.uuid(), messageId: z.uuid() })
  .meta({ id: 'CommunityMessageSent', description: 'The conversation, read and continued in the app (neither address is given)' });
