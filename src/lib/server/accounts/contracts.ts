import * as z from 'zod';
import { plainName } from '../names.ts';
import { inseeCode } from '../territory/index.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './auth.ts';
import { consentPurposes, languages, organizationKinds, scopeLevels } from './schema.ts';

// Error messages are catalogue keys (`error_<key>`), translated at the HTTP boundary.

export const MAX_NAME_LENGTH = 120;
export const MAX_EMAIL_LENGTH = 254;

const text = (max: number, tooLong: string) => z.string({ error: 'invalid_value' }).trim().max(max, { error: tooLong });

export const personName = plainName(text(MAX_NAME_LENGTH, 'name_too_long').min(1, { error: 'name_required' }), 'name_invalid');
export const email = z
  .string({ error: 'invalid_email' })
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_LENGTH, { error: 'invalid_email' })
  .pipe(z.email({ error: 'invalid_email' }))
  .meta({ description: 'An e-mail address', example: 'camille@example.org' });
export const password = z
  .string({ error: 'password_too_short' })
  .min(MIN_PASSWORD_LENGTH, { error: 'password_too_short' })
  .max(MAX_PASSWORD_LENGTH, { error: 'password_too_long' });
export const language = z.enum(languages, { error: 'language_invalid' });

export const SignUpInput = z.object({ name: personName, email, password, preferredLanguage: language.default('fr') });
export const SignInInput = z.object({ email, password: z.string({ error: 'invalid_credentials' }).min(1, { error: 'invalid_credentials' }).max(MAX_PASSWORD_LENGTH, { error: 'invalid_credentials' }) });
export const EmailInput = z.object({ email });
export const ResetPasswordInput = z.object({ token: z.string({ error: 'invalid_token' }).min(1, { error: 'invalid_token' }).max(200, { error: 'invalid_token' }), password });

/** Empty form fields mean "none". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

export const ProfileInput = z
  .object({
    name: personName,
    homeCommuneCode: optional(inseeCode),
    phone: optional(
      z
        .string({ error: 'phone_invalid' })
        .trim()
        .max(30, { error: 'phone_invalid' })
        .regex(/^\+?[0-9 ().-]{6,}$/, { error: 'phone_invalid' }),
    ),
    preferredLanguage: language,
  })
  .meta({ id: 'ProfileInput' });

export const ConsentInput = z.object({ purpose: z.enum(consentPurposes, { error: 'consent_purpose_invalid' }), granted: z.boolean() });
/** The consents form: the choice for every purpose (a checkbox each). */
export const ConsentChoicesInput = z.record(z.enum(consentPurposes, { error: 'consent_purpose_invalid' }), z.boolean({ error: 'invalid_value' }), {
  error: 'invalid_value',
});

export const OrganizationInput = z
  .object({
    name: plainName(text(MAX_NAME_LENGTH, 'name_too_long').min(2, { error: 'organization_name_required' }), 'organization_name_invalid'),
    kind: z.enum(organizationKinds, { error: 'organization_kind_invalid' }),
    scopeLevel: optional(z.enum(scopeLevels, { error: 'organization_scope_invalid' })),
    scopeCode: optional(
      z
        .string({ error: 'organization_scope_invalid' })
        .trim()
        .toUpperCase()
        // INSEE codes (2 to 5 characters, 2A/2B in Corsica) or a 9-digit SIREN.
        .regex(/^[0-9A-Z]{2,9}$/, { error: 'organization_scope_invalid' }),
    ),
  })
  .refine((value) => (value.kind === 'territory') === (value.scopeLevel !== undefined && value.scopeCode !== undefined), {
    error: 'organization_scope_required',
    path: ['scopeCode'],
  });

/** Invitations give admin or staff; ownership only moves by transfer. */
export const invitableRole = z.enum(['admin', 'staff'], { error: 'role_invalid' });
export const InvitationInput = z.object({ email, role: invitableRole.default('staff') });
export const MemberRoleInput = z.object({ memberId: z.string({ error: 'member_not_found' }).min(1, { error: 'member_not_found' }).max(64, { error: 'member_not_found' }), role: invitableRole });

export const DeleteAccountInput = z.object({
  /** The person types their own address: a deliberate act, that works without JavaScript. */
  confirmEmail: email,
});
