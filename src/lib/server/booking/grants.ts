import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { hitRateLimit, requireUser, user } from '../accounts/index.ts';
import { readConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { notFound, parse, rateLimited } from '../errors.ts';
import { linkBase } from '../links.ts';
import { renderMail, type MailLocale } from '../mail/index.ts';
import { places } from '../places/index.ts';
import { GrantInput, uuid } from './contracts.ts';
import { managedPlace } from './manage.ts';
import { entitlementInvitations, entitlements, offers } from './schema.ts';
import type { BookingContext } from './context.ts';
import { addDays, addMonths, localNow } from './time.ts';

// A carnet or a plan sold on site is offered to an e-mail address: the team gets the same answer whatever
// the address (an account or not), the person accepts it signed in with that address, and only then does
// the team see who they are.

/** How long an offered carnet or plan waits for its acceptance. */
export const ENTITLEMENT_INVITATION_DAYS = 30;

export const entitlementInvitationPath = (id: string) => `/invitations/carnets/${id}`;

/**
 * Invitation e-mails an organization's teams may send in 24 hours, all its places together. An invitation
 * goes to any address the team types, so without a limit a team account (or a stolen session) could make the
 * instance send mail to strangers by the thousand and ruin its sender reputation; fifty a day is far more
 * than a place sells on site.
 */
export const ENTITLEMENT_INVITATIONS_PER_DAY = 50;

/**
 * Counts one invitation for the organization that runs the place (the place itself when none does), by one
 * upsert that increments and decides, so concurrent requests from any process count together; past the
 * limit, 429. The count names no address, so the refusal says nothing about who has an account.
 */
async function countInvitation(ctx: BookingContext, place: { id: string; operatorOrganizationId: string | null }): Promise<void> {
  const key = place.operatorOrganizationId ? `booking:entitlement-invitations:org:${place.operatorOrganizationId}` : `booking:entitlement-invitations:place:${place.id}`;
  const decision = await hitRateLimit(ctx.db, key, { max: ENTITLEMENT_INVITATIONS_PER_DAY, windowSeconds: 86_400 }, ctx.now ?? new Date());
  if (!decision.allowed)
    throw rateLimited('booking_invitations_per_day', { max: ENTITLEMENT_INVITATIONS_PER_DAY, hours: Math.ceil(decision.retryAfterSeconds / 3600) });
}

/** An offer not yet accepted, as the place's team sees it: the address they typed, never a name. */
export interface PendingEntitlementInvitation {
  id: string;
  email: string;
  offerName: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * The team offers a carnet or a plan of its place to an address (`booking.manage`). An e-mail goes to the
 * address with the link to accept; the answer is the same whether the address has an account or not.
 */
export async function grantEntitlement(ctx: BookingContext, placeIdOrSlug: string, input: unknown): Promise<PendingEntitlementInvitation> {
  const place = await managedPlace(ctx, placeIdOrSlug);
  const inviter = requireUser(ctx.actor);
  const body = parse(GrantInput, input);
  const [offer] = await ctx.db
    .select()
    .from(offers)
    .where(and(eq(offers.id, body.offerId), eq(offers.placeId, place.id), eq(offers.active, 1)));
  if (!offer || (offer.kind !== 'carnet' && offer.kind !== 'monthly-plan')) throw notFound('booking_offer_not_found');
  await countInvitation(ctx, place);
  const now = ctx.now ?? new Date();
  const [row] = await ctx.db
    .insert(entitlementInvitations)
    .values({
      placeId: place.id,
      offerId: offer.id,
      email: body.email,
      startsOn: body.startsOn ?? null,
      invitedBy: inviter.userId,
      expiresAt: new Date(now.getTime() + ENTITLEMENT_INVITATION_DAYS * 86_400_000),
    })
    .returning();
  // Written in the person's language when the address has an account; nothing of it reaches the team.
  const [known] = await ctx.db.select({ language: user.preferredLanguage }).from(user).where(and(eq(user.email, body.email), sql`${user.deletedAt} is null`));
  const locale: MailLocale = known?.language ?? 'fr';
  const url = new URL(entitlementInvitationPath(row!.id), linkBase(readConfig())).toString();
  await ctx.mailer?.send(renderMail('entitlement-invitation', body.email, { place: place.name, offer: offer.name, url }, locale));
  return { id: row!.id, email: row!.email, offerName: offer.name, createdAt: row!.createdAt, expiresAt: row!.expiresAt };
}

/** The place's offers not yet accepted, newest first (`booking.manage`). */
export async function pendingEntitlementInvitations(ctx: BookingContext, placeIdOrSlug: string): Promise<PendingEntitlementInvitation[]> {
  const place = await managedPlace(ctx, placeIdOrSlug);
  return ctx.db
    .select({
      id: entitlementInvitations.id,
      email: entitlementInvitations.email,
      offerName: offers.name,
      createdAt: entitlementInvitations.createdAt,
      expiresAt: entitlementInvitations.expiresAt,
    })
    .from(entitlementInvitations)
    .innerJoin(offers, eq(offers.id, entitlementInvitations.offerId))
    .where(
      and(
        eq(entitlementInvitations.placeId, place.id),
        eq(entitlementInvitations.status, 'pending'),
        gt(entitlementInvitations.expiresAt, ctx.now ?? new Date()),
      ),
    )
    .orderBy(asc(entitlementInvitations.createdAt));
}

/** An offer as the person it was sent to sees it. */
export interface EntitlementInvitationView {
  id: string;
  placeName: string;
  placeSlug: string;
  offerName: string;
  kind: 'carnet' | 'monthly-plan';
  units: number | null;
  expiresAt: Date;
}

/** The pending offer `id` sent to the signed-in person's verified address; anyone else gets 404, as for none. */
export async function entitlementInvitation(ctx: Pick<BookingContext, 'db' | 'actor' | 'now'>, id: string): Promise<EntitlementInvitationView> {
  const me = requireUser(ctx.actor);
  const valid = uuid.safeParse(id);
  if (!valid.success || !me.emailVerified) throw notFound('booking_invitation_not_found');
  const [row] = await ctx.db
    .select({
      id: entitlementInvitations.id,
      placeName: places.name,
      placeSlug: places.slug,
      offerName: offers.name,
      kind: offers.kind,
      units: offers.units,
      expiresAt: entitlementInvitations.expiresAt,
    })
    .from(entitlementInvitations)
    .innerJoin(offers, eq(offers.id, entitlementInvitations.offerId))
    .innerJoin(places, eq(places.id, entitlementInvitations.placeId))
    .where(
      and(
        eq(entitlementInvitations.id, valid.data),
        eq(entitlementInvitations.email, me.email.toLowerCase()),
        eq(entitlementInvitations.status, 'pending'),
        gt(entitlementInvitations.expiresAt, ctx.now ?? new Date()),
      ),
    );
  if (!row || (row.kind !== 'carnet' && row.kind !== 'monthly-plan')) throw notFound('booking_invitation_not_found');
  return { ...row, kind: row.kind };
}

/**
 * Accepts an offer sent to the signed-in person: the carnet or plan is theirs from the day the team chose
 * (or today), once; a second acceptance, or anyone else's, finds nothing (404).
 */
export async function acceptEntitlementInvitation(ctx: Pick<BookingContext, 'db' | 'actor' | 'now'>, id: string) {
  const me = requireUser(ctx.actor);
  await entitlementInvitation(ctx, id);
  const now = ctx.now ?? new Date();
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .update(entitlementInvitations)
      .set({ status: 'accepted' })
      .where(and(eq(entitlementInvitations.id, id), eq(entitlementInvitations.email, me.email.toLowerCase()), eq(entitlementInvitations.status, 'pending')))
      .returning();
    if (!taken) throw notFound('booking_invitation_not_found');
    const [offer] = await tx.select().from(offers).where(eq(offers.id, taken.offerId));
    const startsOn = taken.startsOn ?? localNow(now).day;
    const endsOn = offer!.kind === 'carnet' ? addDays(startsOn, (offer!.validityDays ?? 365) - 1) : addDays(addMonths(startsOn, 1), -1);
    const [held] = await tx
      .insert(entitlements)
      .values({
        userId: me.userId,
        placeId: taken.placeId,
        offerId: offer!.id,
        kind: offer!.kind === 'carnet' ? 'carnet' : 'plan',
        units: offer!.units,
        startsOn,
        endsOn,
        pricePaidCents: offer!.priceCents,
      })
      .returning();
    await tx.update(entitlementInvitations).set({ entitlementId: held!.id }).where(eq(entitlementInvitations.id, id));
    return held!;
  });
}

/** Declines an offer sent to the signed-in person; the team sees it no more. */
export async function declineEntitlementInvitation(ctx: Pick<BookingContext, 'db' | 'actor' | 'now'>, id: string): Promise<void> {
  const me = requireUser(ctx.actor);
  await entitlementInvitation(ctx, id);
  await ctx.db
    .update(entitlementInvitations)
    .set({ status: 'declined' })
    .where(and(eq(entitlementInvitations.id, id), eq(entitlementInvitations.email, me.email.toLowerCase()), eq(entitlementInvitations.status, 'pending')));
}
