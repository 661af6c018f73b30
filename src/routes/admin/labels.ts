// Labels of the outbox statuses and audit entries, one catalogue message each.
import { m } from '$lib/paraglide/messages.js';
import { organizationKindLabels, roleLabels } from '$lib/organization-labels';
import type { MemberRole, OrganizationKind } from '$lib/server/accounts/schema';

/** Where a message stands: kept to be read (no SMTP), waiting, waiting again after an error, sent, failed. */
export function outboxStatusLabel(message: { status: 'outbox' | 'sent' | 'failed'; nextAttemptAt: Date | null; error: string | null }): string {
  if (message.status === 'sent') return m.admin_status_sent();
  if (message.status === 'failed') return m.admin_status_failed();
  if (message.nextAttemptAt === null) return m.admin_status_outbox();
  return message.error ? m.admin_status_retrying() : m.admin_status_queued();
}

/** The audit log's actions in words; an action not listed here shows its code. */
const auditActionLabels: Record<string, () => string> = {
  'organization.create': m.audit_organization_create,
  'organization.invite': m.audit_organization_invite,
  'organization.cancel-invitation': m.audit_organization_cancel_invitation,
  'organization.change-role': m.audit_organization_change_role,
  'organization.remove-member': m.audit_organization_remove_member,
  'organization.transfer-ownership': m.audit_organization_transfer_ownership,
  'user.platform-admin.grant': m.audit_user_platform_admin_grant,
  'user.platform-admin.revoke': m.audit_user_platform_admin_revoke,
  'user.sign-in.disable': m.audit_user_sign_in_disable,
  'user.sign-in.enable': m.audit_user_sign_in_enable,
  'user.verification.resend': m.audit_user_verification_resend,
};
const auditTargetLabels: Record<string, () => string> = {
  user: m.audit_target_user,
  organization: m.audit_target_organization,
  member: m.audit_target_member,
  invitation: m.audit_target_invitation,
};

export const auditActionLabel = (action: string) => auditActionLabels[action]?.() ?? action;
export const auditTargetLabel = (type: string) => auditTargetLabels[type]?.() ?? type;

const isRole = (value: unknown): value is MemberRole => typeof value === 'string' && value in roleLabels;
const isKind = (value: unknown): value is OrganizationKind => typeof value === 'string' && value in organizationKindLabels;

/** An entry's details in words: roles and kinds by their labels, anything else as `key: value`. */
export function auditDetails(details: Record<string, unknown>): string {
  const { from, to, role, kind, ...rest } = details;
  const parts: string[] = [];
  if (isRole(from) && isRole(to)) parts.push(m.audit_detail_change({ from: roleLabels[from](), to: roleLabels[to]() }));
  if (isRole(role)) parts.push(m.audit_detail_role({ value: roleLabels[role]() }));
  if (isKind(kind)) parts.push(m.audit_detail_kind({ value: organizationKindLabels[kind]() }));
  for (const [key, value] of Object.entries(rest)) parts.push(`${key}: ${String(value)}`);
  return parts.join(', ');
}
