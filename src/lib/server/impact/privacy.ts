import { eq } from 'drizzle-orm';
import type { PrivacyPart } from '../accounts/index.ts';
import { impactAlternatives } from './schema.ts';

// Impact's part of a person's data: the alternative they stated. Reports keep only aggregates.
export const impactPrivacy: PrivacyPart = {
  name: 'impact',
  async export(db, userId) {
    const [row] = await db
      .select({ kind: impactAlternatives.kind, workplaceCommuneCode: impactAlternatives.workplaceCommuneCode, mode: impactAlternatives.mode, updatedAt: impactAlternatives.updatedAt })
      .from(impactAlternatives)
      .where(eq(impactAlternatives.userId, userId));
    return { statedAlternative: row ?? null };
  },
  async erase(tx, person) {
    await tx.delete(impactAlternatives).where(eq(impactAlternatives.userId, person.userId));
  },
};
