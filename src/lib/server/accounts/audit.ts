import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { assertCan, type Actor, type SignedInActor } from './access.ts';
import { auditLog } from './schema.ts';

type Details = Record<string, string | number | boolean | null>;

/** Records an action taken with administrative power. Details hold ids and codes, never names or e-mails. */
export async function recordAudit(
  db: Db,
  actor: SignedInActor | null,
  action: string,
  targetType: string,
  targetId: string | null,
  organizationId: string | null = null,
  details: Details = {},
): Promise<void> {
  await db.insert(auditLog).values({ actorUserId: actor?.userId ?? null, action, targetType, targetId, organizationId, details });
}

export type AuditEntry = typeof auditLog.$inferSelect;

/** The audit log, newest first: the whole instance for platform administrators. */
export async function listAudit(db: Db, actor: Actor, options: { organizationId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  assertCan(actor, 'admin.read', { type: 'instance' });
  return db
    .select()
    .from(auditLog)
    .where(options.organizationId ? eq(auditLog.organizationId, options.organizationId) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(options.limit ?? 100);
}
