import * as z from 'zod';
import { ProfileInput } from './contracts.ts';
import { consentPurposes, languages, memberRoles, organizationKinds } from './schema.ts';

// What /api/v1/me answers: the signed-in person's own data. Dates are ISO 8601 strings.

const dateTime = z.iso.datetime({ offset: true });

export const ConsentChoice = z
  .object({
    granted: z.boolean(),
    textVersion: z.string().meta({ description: 'Version of the text the person saw when choosing' }),
    recordedAt: dateTime,
  })
  .meta({ id: 'ConsentChoice' });

export const Profile = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    homeCommune: z.object({ code: z.string(), name: z.string() }).nullable().meta({ description: 'Home commune (INSEE code and name)' }),
    phone: z.string().nullable(),
    preferredLanguage: z.enum(languages),
    platformRole: z.enum(['admin']).nullable(),
    createdAt: dateTime,
    consents: z
      .partialRecord(z.enum(consentPurposes), ConsentChoice)
      .meta({ description: 'The latest choice for each purpose; a purpose never asked about is absent (which means no)' }),
  })
  .meta({ id: 'Profile' });

/** PATCH /me: the fields to change; the others stay. `null` or "" clears an optional field. */
export const ProfilePatch = ProfileInput.partial()
  .extend({ homeCommuneCode: ProfileInput.shape.homeCommuneCode.nullable(), phone: ProfileInput.shape.phone.nullable() })
  .meta({ id: 'ProfilePatch' });

const row = z.record(z.string(), z.unknown());

export const PersonalDataExport = z
  .object({
    exportedAt: dateTime,
    profile: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      emailVerified: z.boolean(),
      homeCommuneCode: z.string().nullable(),
      phone: z.string().nullable(),
      preferredLanguage: z.enum(languages),
      platformRole: z.enum(['admin']).nullable(),
      createdAt: dateTime,
      updatedAt: dateTime,
    }),
    signInMethods: z.array(z.object({ provider: z.string(), createdAt: dateTime })),
    consents: z.array(z.object({ id: z.number().int(), purpose: z.enum(consentPurposes), granted: z.boolean(), textVersion: z.string(), recordedAt: dateTime })),
    sessions: z.array(
      z.object({ createdAt: dateTime, lastSeenAt: dateTime, expiresAt: dateTime, ipAddress: z.string().nullable(), userAgent: z.string().nullable() }),
    ),
    organizations: z.array(
      z.object({ organizationId: z.string(), organization: z.string(), kind: z.enum(organizationKinds), role: z.enum(memberRoles), since: dateTime }),
    ),
    invitationsReceived: z.array(z.object({ organization: z.string(), role: z.enum(memberRoles).nullable(), status: z.string(), createdAt: dateTime })),
    invitationsSent: z.array(
      z.object({ email: z.string(), organization: z.string(), role: z.enum(memberRoles).nullable(), status: z.string(), createdAt: dateTime }),
    ),
    adminActions: z.array(row).meta({ description: 'Actions taken with administrative power (audit log entries)' }),
    emails: z.array(z.object({ createdAt: dateTime, subject: z.string(), template: z.string(), status: z.string() })),
    placeEdits: z.array(row).meta({ description: 'Changes made to places of the directory, field by field' }),
    bookings: z.array(row).meta({ description: 'Bookings made, at every place, with their status and payment' }),
    carnetsAndPlans: z.array(row).meta({ description: 'Carnets and plans held, with the days used' }),
    calendarFeed: z.object({ createdAt: dateTime }).nullable().meta({ description: 'When the private calendar feed was created (its address is not repeated here)' }),
  })
  .meta({ id: 'PersonalDataExport' });
