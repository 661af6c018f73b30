import { inArray } from 'drizzle-orm';
import type * as z from 'zod';
import type { Db } from '../db/database.ts';
import { forbidden, invalid, notFound, type FieldIssue } from '../errors.ts';
// access.ts and schema.ts directly: the accounts index imports the places domain.
import { type Actor, assertCan, can, organization, requireUser, type SignedInActor, user } from '../accounts/index.ts';
import { invalidFields, PlaceInput, PlacePatch, withoutPrices, zodIssues } from './model.ts';
import { getPlace, placeHistoryOf, type Place, type PlaceHistoryEntry } from './service.ts';
import { createPlace, RESERVED_PLACE_SLUGS, updatePlace } from './writes.ts';

// Places changed by people: who may create, edit and read the history of a place is decided by `can`
// (accounts/access.ts); the changes themselves go through createPlace/updatePlace, recorded under the
// editor's account id.

/** Slugs that are pages of the directory, never a place's (`/lieux/nouveau`). */

export interface PlaceEditOptions {
  /** The `updatedAt` the editor saw (a form's hidden field, an API If-Match): a different one is a conflict. */
  expectedUpdatedAt?: string;
  /** Issues found before the contract's checks (a form's own), reported with them. */
  issues?: FieldIssue[];
}

/** An operator organization a person may create places for. */
export interface OperatorChoice {
  id: string;
  name: string;
}

async function organizationsById(db: Db, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { id: string; name: string; kind: (typeof organization.$inferSelect)['kind'] }>();
  const rows = await db
    .select({ id: organization.id, name: organization.name, kind: organization.kind })
    .from(organization)
    .where(inArray(organization.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * The actor may create places for this organization (and move places to it): an operator organization
 * of which they are staff or more, or any for a platform administrator. Unknown: 404.
 */
async function assertOperatorRights(db: Db, actor: SignedInActor, organizationId: string): Promise<OperatorChoice> {
  const found = (await organizationsById(db, [organizationId])).get(organizationId);
  if (!found) throw notFound('organization_not_found');
  assertCan(actor, 'place.create', { type: 'organization', id: found.id, kind: found.kind });
  return { id: found.id, name: found.name };
}

export const placeResource = (place: Pick<Place, 'id' | 'operatorOrganizationId'>) =>
  ({ type: 'place', id: place.id, operatorOrganizationId: place.operatorOrganizationId }) as const;

/** What a page needs to offer the edit and history links. */
export function placeRights(actor: Actor, place: Pick<Place, 'id' | 'operatorOrganizationId'>) {
  return { update: can(actor, 'place.update', placeResource(place)), readHistory: can(actor, 'place.read-history', placeResource(place)) };
}

/** The organizations the actor may create places for, among theirs. */
function creatableOrganizationIds(actor: Actor): string[] {
  if (actor.kind !== 'user') return [];
  return actor.memberships
    .filter((m) => can(actor, 'place.create', { type: 'organization', id: m.organizationId, kind: m.organizationKind }))
    .map((m) => m.organizationId);
}

/** The actor may create places for some organization (the directory then offers to add one). */
export const canCreatePlace = (actor: Actor): boolean => creatableOrganizationIds(actor).length > 0;

/** The operator organizations the actor may create places for, by name. */
export async function operatorChoices(db: Db, actor: Actor): Promise<OperatorChoice[]> {
  const ids = creatableOrganizationIds(actor);
  const found = await organizationsById(db, ids);
  return [...found.values()].map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/**
 * The contract's issues and the caller's, all at once; none: the parsed value. The caller's issue on a field
 * stands for it (a form's commune picker that named no commune, rather than the empty code it left).
 */
function checked<T>(result: z.ZodSafeParseResult<T>, issues: FieldIssue[]): T {
  const own = new Set(issues.map((issue) => issue.path));
  const all = [...(result.success ? [] : zodIssues(result.error).filter((issue) => !own.has(issue.path))), ...issues];
  if (all.length > 0) throw invalidFields(all);
  return result.data!;
}

function reservedSlugIssue(slug: string | null | undefined): FieldIssue[] {
  return slug && RESERVED_PLACE_SLUGS.has(slug) ? [{ path: 'slug', message: 'place_edit_slug_reserved', params: { slug } }] : [];
}

const operatorIdOf = (input: unknown): string | null => {
  const value = input && typeof input === 'object' ? (input as Record<string, unknown>).operatorOrganizationId : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/**
 * Creates a place for an operator organization the actor may create places for (`operatorOrganizationId`,
 * required), recorded in history under the actor's id. The operator's name defaults to the organization's.
 * Refusals come before validation: 401 nobody signed in, 404/403 as `assertCan` decides; then 400.
 */
export async function createPlaceAs(db: Db, actor: Actor, input: unknown, options: Pick<PlaceEditOptions, 'issues'> = {}): Promise<Place> {
  const editor = requireUser(actor);
  const operatorId = operatorIdOf(input);
  const operator = operatorId ? await assertOperatorRights(db, editor, operatorId) : null;
  // Prices are refused with their own issue (the offers are the prices), beside what else is wrong.
  const { rest, issues: priceIssues } = withoutPrices(input);
  const parsed = PlaceInput.safeParse(rest);
  const issues = [...priceIssues, ...(options.issues ?? [])];
  if (!operator && !(parsed.error?.issues ?? []).some((issue) => issue.path[0] === 'operatorOrganizationId'))
    issues.push({ path: 'operatorOrganizationId', message: 'place_edit_operator_required' });
  const data = checked(parsed, [...issues, ...reservedSlugIssue(parsed.data?.slug)]);
  const body: Record<string, unknown> = { ...(input as Record<string, unknown>), operatorOrganizationId: operator!.id };
  if (data.operatorName == null) body.operatorName = operator!.name;
  return createPlace(db, body, { changedBy: editor.userId });
}

/** The version of a place as an HTTP entity tag (`ETag`, `If-Match`): its `updatedAt`, quoted. */
export const placeVersionTag = (place: Pick<Place, 'updatedAt'>) => `"${place.updatedAt}"`;

/** A version as the editor saw it (an ISO time, or an ETag of one); anything else is refused rather than compared. */
function versionOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (Number.isNaN(time.getTime())) throw invalid('place_edit_version_invalid');
  return time.toISOString();
}

/**
 * Changes a place the actor may update (`place.update`: staff of its operator, platform administrators;
 * a place without an operator, administrators only). Moving it to another operator takes the right to
 * create places for that one too; leaving it without an operator is for administrators. The change is
 * made against the version whose rights were checked: a change in between is a `place_update_conflict`.
 */
export async function updatePlaceAs(db: Db, actor: Actor, idOrSlug: string, patch: unknown, options: PlaceEditOptions = {}): Promise<Place> {
  const editor = requireUser(actor);
  const place = await getPlace(db, idOrSlug);
  assertCan(editor, 'place.update', placeResource(place));
  const version = versionOf(options.expectedUpdatedAt);
  const { rest, issues: priceIssues } = withoutPrices(patch);
  const parsed = PlacePatch.safeParse(rest);
  const data = checked(parsed, [...priceIssues, ...(options.issues ?? []), ...reservedSlugIssue(parsed.data?.slug)]);
  const target = data.operatorOrganizationId;
  if (target !== undefined && target !== place.operatorOrganizationId) {
    if (target === null) assertCan(editor, 'place.update', { type: 'place', id: place.id, operatorOrganizationId: null });
    else await assertOperatorRights(db, editor, target);
  }
  return updatePlace(db, place.id, patch, { changedBy: editor.userId, expectedUpdatedAt: version ?? place.updatedAt });
}

/** Who made a change: a person (their current name), a deleted account, or the platform itself (import, demo). */
export type PlaceEditor = { kind: 'person'; name: string } | { kind: 'deleted-account' } | { kind: 'system' };

export interface PlaceHistoryView {
  place: Place;
  /** Latest first. */
  entries: (PlaceHistoryEntry & { editor: PlaceEditor })[];
  /** Names of the operator organizations the changes name, by id. */
  organizationNames: Record<string, string>;
}

/** The changes of a place, latest first, with who made each; for those who may read it (`place.read-history`). */
export async function placeHistoryAs(db: Db, actor: Actor, idOrSlug: string, limit = 100): Promise<PlaceHistoryView> {
  const reader = requireUser(actor);
  const place = await getPlace(db, idOrSlug);
  assertCan(reader, 'place.read-history', placeResource(place));
  const history = await placeHistoryOf(db, place.id, limit);
  const editorIds = [...new Set(history.map((entry) => entry.changedBy))];
  const people =
    editorIds.length === 0
      ? []
      : await db.select({ id: user.id, name: user.name, deletedAt: user.deletedAt }).from(user).where(inArray(user.id, editorIds));
  const byId = new Map(people.map((person) => [person.id, person]));
  const editorOf = (changedBy: string): PlaceEditor => {
    const person = byId.get(changedBy);
    if (!person) return { kind: 'system' }; // `system`, `import`, `demo`: deleted accounts keep their row
    return person.deletedAt ? { kind: 'deleted-account' } : { kind: 'person', name: person.name };
  };
  const organizationIds = history.flatMap((entry) =>
    [entry.changes.operatorOrganizationId?.from, entry.changes.operatorOrganizationId?.to].filter((id): id is string => typeof id === 'string'),
  );
  const organizations = await organizationsById(db, organizationIds);
  return {
    place,
    entries: history.map((entry) => ({ ...entry, editor: editorOf(entry.changedBy) })),
    organizationNames: Object.fromEntries([...organizations.values()].map((o) => [o.id, o.name])),
  };
}

/** The place for its edit form, with the operators it may be given; for those who may update it. */
export async function placeForEditing(db: Db, actor: Actor, idOrSlug: string): Promise<{ place: Place; operators: OperatorChoice[] }> {
  const editor = requireUser(actor);
  const place = await getPlace(db, idOrSlug);
  assertCan(editor, 'place.update', placeResource(place));
  const operators = await operatorChoices(db, editor);
  const current = place.operatorOrganizationId;
  if (current && !operators.some((o) => o.id === current)) {
    const found = (await organizationsById(db, [current])).get(current);
    operators.unshift({ id: current, name: found?.name ?? current });
  }
  return { place, operators };
}

/** The operators a person may create a place for; none: 403 with a message saying why. */
export async function operatorsForNewPlace(db: Db, actor: Actor): Promise<OperatorChoice[]> {
  requireUser(actor);
  const operators = await operatorChoices(db, actor);
  if (operators.length === 0) throw forbidden('place_edit_no_operator');
  return operators;
}
