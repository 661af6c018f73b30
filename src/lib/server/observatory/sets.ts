// Saved sets of communes: a territory organization names the communes of a bassin de vie or a project's
// area once, and the observatory and the siting then treat the set as a territory like an EPCI.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../accounts/index.ts';
import { queryRows, type Db } from '../db/index.ts';
import { invalid, notFound } from '../errors.ts';
import { communeSets } from './schema.ts';
import { sitingOrganization } from './siting.ts';
import { MAX_SET_COMMUNES } from './territory.ts';

const INSEE_CODE = /^(\d{2}|2A|2B)\d{3}$/;

/** INSEE codes read from what a person typed or pasted: separated by spaces, commas, semicolons or lines. */
export function communeCodesOfText(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];
}

export interface CommuneSetSummary {
  id: number;
  name: string;
  communes: number;
  createdAt: string;
}

/** Saves a set for the person's territory organization; every code must be a commune we know. */
export async function saveCommuneSet(
  ctx: { db: Db; actor: Actor },
  input: { organizationId?: string; name: string; communes: string[] },
): Promise<{ id: number }> {
  const user = sitingOrganization(ctx.actor, input.organizationId);
  const name = input.name.trim();
  if (name.length < 1 || name.length > 120) throw invalid('set_name_invalid');
  const codes = [...new Set(input.communes.map((c) => c.trim().toUpperCase()))];
  if (codes.length < 1 || codes.length > MAX_SET_COMMUNES) throw invalid('set_size_invalid', { max: MAX_SET_COMMUNES });
  const malformed = codes.filter((c) => !INSEE_CODE.test(c));
  const known = new Set(
    (
      await queryRows<{ code: string }>(
        ctx.db,
        sql`select code from communes where kind = 'commune' and code in (select value from json_array_elements_text(${JSON.stringify(codes)}::json))`,
      )
    ).map((r) => r.code),
  );
  const unknown = codes.filter((c) => !known.has(c) && !malformed.includes(c));
  if (malformed.length + unknown.length > 0) {
    throw invalid('set_communes_unknown', { codes: [...malformed, ...unknown].slice(0, 10).map((c) => c.slice(0, 10)).join(', ') });
  }
  const [row] = await ctx.db
    .insert(communeSets)
    .values({ name, organizationId: user.organizationId, communeCodes: codes, createdBy: user.userId })
    .returning({ id: communeSets.id });
  return { id: row!.id };
}

/** The sets of the person's territory organization, newest first. */
export async function listCommuneSets(ctx: { db: Db; actor: Actor }, organizationId?: string): Promise<CommuneSetSummary[]> {
  const user = sitingOrganization(ctx.actor, organizationId);
  const rows = await ctx.db
    .select()
    .from(communeSets)
    .where(eq(communeSets.organizationId, user.organizationId))
    .orderBy(desc(communeSets.createdAt), desc(communeSets.id))
    .limit(100);
  return rows.map((r) => ({ id: r.id, name: r.name, communes: r.communeCodes.length, createdAt: r.createdAt.toISOString() }));
}

/** Deletes a set of the person's organization (a set of another organization is not found). */
export async function deleteCommuneSet(ctx: { db: Db; actor: Actor }, id: number, organizationId?: string): Promise<void> {
  const user = sitingOrganization(ctx.actor, organizationId);
  const deleted = await ctx.db
    .delete(communeSets)
    .where(and(eq(communeSets.id, id), eq(communeSets.organizationId, user.organizationId)))
    .returning({ id: communeSets.id });
  if (deleted.length === 0) throw notFound('set_not_found', { code: String(id) });
}
