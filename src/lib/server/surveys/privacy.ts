import { asc, eq, sql } from 'drizzle-orm';
import type { PrivacyPart } from '../accounts/index.ts';
import { surveys, surveyVersions } from './schema.ts';

/**
 * What surveys hold about a person: the surveys they created (listed in their export). Answers are anonymous
 * (nothing ties one to an account), so there is nothing of theirs to erase among them; the surveys and their
 * answers stay with the organization when the creator's account goes (`created_by` points at the anonymised
 * user). Contact details left by respondents belong to the survey and go with it.
 */
export const surveysPrivacy: PrivacyPart = {
  name: 'surveys',
  async export(db, userId) {
    const created = await db
      .select({ id: surveys.id, title: sql<string>`${surveyVersions.definition}->'title'->>'fr'`, status: surveys.status, createdAt: surveys.createdAt })
      .from(surveys)
      .innerJoin(surveyVersions, sql`${surveyVersions.surveyId} = ${surveys.id} and ${surveyVersions.version} = ${surveys.currentVersion}`)
      .where(eq(surveys.createdBy, userId))
      .orderBy(asc(surveys.createdAt));
    return { surveysCreated: created };
  },
  async erase() {
    // Nothing personal to erase: see above.
  },
};
