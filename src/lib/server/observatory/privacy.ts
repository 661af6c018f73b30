import { eq, inArray } from 'drizzle-orm';
import type { PrivacyPart } from '../accounts/index.ts';
import { sitingScenarios } from './schema.ts';

/**
 * The observatory holds one thing about a person: the siting scenarios they saved for their organization.
 * Exported as theirs; on deletion the scenarios stay with the organization, without their author, and those
 * of an organization deleted with the account go with it.
 */
export const observatoryPrivacy: PrivacyPart = {
  name: 'observatory',
  async export(db, userId) {
    const rows = await db
      .select({ name: sitingScenarios.name, organizationId: sitingScenarios.organizationId, createdAt: sitingScenarios.createdAt, request: sitingScenarios.request })
      .from(sitingScenarios)
      .where(eq(sitingScenarios.createdBy, userId));
    return { sitingScenarios: rows };
  },
  async erase(tx, person) {
    if (person.removedOrganizationIds.length > 0) await tx.delete(sitingScenarios).where(inArray(sitingScenarios.organizationId, person.removedOrganizationIds));
    await tx.update(sitingScenarios).set({ createdBy: 'deleted' }).where(eq(sitingScenarios.createdBy, person.userId));
  },
};
