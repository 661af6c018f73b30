import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { assertCan, type Actor, type SignedInActor } from './access.ts';
import { auditLog, organization, user } from './schema.ts';

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

export interface AuditEntry extends AuditRow {
  /** The acting account's name and address (null: done by the system). */
  actorName: string | null;
  actorEmail: string | null;
  /** The organization's name, while it exists. */
  organizationName: string | null;
}
type AuditRow = typeof auditLog.$inferSelect;

/** The audit log, newest first: the whole instance for platform administrators. */
export async function listAudit(
  db: Db,
  actor: Actor,
  options: { organizationId?: string; limit?: number; offset?: number } = {},
): Promise<AuditEntry[]> {
  assertCan(actor, 'admin.read', { type: 'instance' });
  const rows = await db
    .select({ entry: auditLog, actorName: user.name, actorEmail: user.email, organizationName: organization.name })
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorUserId))
    .leftJoin(organization, eq(organization.id, auditLog.organizationId))
    .where(options.organizationId ? eq(auditLog.organizationId, options.organizationId) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0);
  return rows.map(({ entry, ...names }) => ({ ...entry, ...names }));
}
