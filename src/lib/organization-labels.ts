// Labels of the organizations vocabulary, one catalogue message per code (see place-labels.ts).
import { m } from '$lib/paraglide/messages.js';
import type { MemberRole, OrganizationKind, ScopeLevel } from '$lib/server/accounts/schema';

type Label = () => string;

export const organizationKindLabels: Record<OrganizationKind, Label> = {
  operator: m.org_kind_operator,
  territory: m.org_kind_territory,
  employer: m.org_kind_employer,
  network: m.org_kind_network,
};

export const scopeLevelLabels: Record<ScopeLevel, Label> = {
  commune: m.org_scope_commune,
  epci: m.org_scope_epci,
  departement: m.org_scope_departement,
  region: m.org_scope_region,
};

export const roleLabels: Record<MemberRole, Label> = { owner: m.role_owner, admin: m.role_admin, staff: m.role_staff };

/** "{inviter} invites you to join {organization} ({kind}) with the role {role}." */
export function invitationLine(invitation: { inviterName: string; organizationName: string; organizationKind: OrganizationKind; role: MemberRole }): string {
  return m.org_invitation_line({
    inviter: invitation.inviterName,
    organization: invitation.organizationName,
    kind: organizationKindLabels[invitation.organizationKind](),
    role: roleLabels[invitation.role](),
  });
}

/** The territory page of a scope, where Maillage has one. */
export function scopeHref(level: ScopeLevel, code: string): string | null {
  const section = { commune: 'communes', epci: 'epci', departement: 'departements', region: null }[level];
  return section ? `/territoires/${section}/${encodeURIComponent(code)}` : null;
}
