import { eq, inArray } from 'drizzle-orm';
import type { PrivacyPart } from '../accounts/index.ts';
import { communeSets, sitingScenarios } from './schema.ts';

/**
 * The observatory holds two things about a person: the siting scenarios and the sets of communes they saved
 * for their organization. Exported as theirs; on deletion they stay with the organization, without their
 * author, and those of an organization deleted with the account go with it.
 */
export const observatoryPrivacy: PrivacyPart = {
  name: 'observatory',
  async export(db, userId) {
    const rows = await db
      .select({ name: sitingScenarios.name, organizationId: sitingScenarios.organizationId, createdAt: sitingScenarios.createdAt, request: sitingScenarios.request })
      .from(sitingScenarios)
      .where(eq(sitingScenarios.createdBy, userId));
    const sets = await db
      .select({ name: communeSets.name, organizationId: communeSets.organizationId, createdAt: communeSets.createdAt, communes: communeSets.communeCodes })
      .from(communeSets)
      .where(eq(communeSets.createdBy, userId));
    return { sitingScenarios: rows, communeSets: sets };
  },
  async erase(tx, person) {
    if (person.removedOrganizationIds.length > 0) await tx.delete(sitingScenarios).where(inArray(sitingScenarios.organizationId, person.removedOrganizationIds));
    await tx.update(sitingScenarios).set({ createdBy: 'deleted' }).where(eq(sitingScenarios.createdBy, person.userId));
    if (person.removedOrganizationIds.length > 0) await tx.delete(communeSets).where(inArray(communeSets.organizationId, person.removedOrganizationIds));
    await tx.update(communeSets).set({ createdBy: 'deleted' }).where(eq(communeSets.createdBy, person.userId));
  },
};
