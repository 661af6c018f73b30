// Accounts: people, sessions, organizations and roles (better-auth underneath), the one authorisation
// decision (`can`), personal-data rights, the audit log.
export { ANONYMOUS, assertCan, can, requireUser, type Action, type Actor, type Membership, type Resource, type SignedInActor } from './access.ts';
// What other domains plug into the one `can`: their rules, written with these.
export { atLeast, inTeamOf, isPlatformAdmin, membershipOf, registerRules, type Rule } from './access.ts';
// The tables other domains read people and organizations from (names, addresses for their e-mails) and point at.
export { organization, user } from './schema.ts';
export { DEMO_ACCOUNTS, DEMO_OPERATOR_NAME } from './demo-accounts.ts';
export {
  AUTH_BASE_PATH,
  CLIENT_IP_HEADER,
  LOCALE_HEADER,
  createAuth,
  instanceSecret,
  isEmailLinkRequest,
  localeOfHeaders,
  type Auth,
  type AuthOptions,
} from './auth.ts';
export {
  AFTER_MAGIC_LINK,
  AFTER_VERIFICATION,
  RESET_PASSWORD_PAGE,
  listSessions,
  requestMagicLink,
  requestPasswordReset,
  resetPassword,
  revokeOtherSessions,
  revokeSession,
  signIn,
  signOut,
  signUp,
  type SessionInfo,
} from './authentication.ts';
export {
  ADMIN_PAGE_SIZE,
  adminJournal,
  adminOutbox,
  adminOutboxMessage,
  adminUsers,
  adminUserAction,
  ADMIN_USER_ACTIONS,
  instanceOverview,
  setPlatformAdmin,
  type AdminUserAction,
  type InstanceOverview,
} from './admin.ts';
export { listAudit, recordAudit, type AuditEntry } from './audit.ts';
export { AUTH_ERROR_CODES, actorOf, actorOfUser, authCall, membershipsOf, type Accounts, type RequestContext } from './context.ts';
export { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from './contracts.ts';
export {
  acceptInvitation,
  cancelInvitation,
  changeMemberRole,
  createOrganization,
  declineInvitation,
  getInvitation,
  getOrganization,
  inviteMember,
  leaveOrganization,
  listMembers,
  listMyOrganizations,
  myInvitations,
  removeMember,
  transferOwnership,
  type InvitationView,
  type OrganizationDetails,
  type OrganizationMember,
  type OrganizationPermissions,
  type OrganizationSummary,
  type PendingInvitation,
} from './organizations.ts';
export {
  CONSENT_TEXT_VERSIONS,
  DELETED_NAME,
  deleteAccount,
  exportPersonalData,
  getProfile,
  listOrganizations,
  listUsers,
  patchProfile,
  recordConsent,
  saveConsents,
  updateProfile,
  type Profile,
} from './personal-data.ts';
export { registerPrivacy, type ErasedPerson, type PrivacyPart } from './privacy.ts';
export { describeUserAgent } from './user-agent.ts';
export { hitRateLimit, limitAuthRequest, pruneRateLimits, AUTH_RATE_RULES, type RateRule } from './rate-limit.ts';
export {
  consentPurposes,
  languages,
  memberRoles,
  organizationKinds,
  scopeLevels,
  type ConsentPurpose,
  type Language,
  type MemberRole,
  type OrganizationKind,
  type ScopeLevel,
} from './schema.ts';
