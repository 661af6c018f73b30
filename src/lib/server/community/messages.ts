import { sql } from 'drizzle-orm';
import { assertCan, hitRateLimit, requireUser, type SignedInActor } from '../accounts/index.ts';
import { queryRows, type Db } from '../db/database.ts';
import { conflict, forbidden, invalid, notFound, parse, rateLimited } from '../errors.ts';
import { renderMail, type MailLocale } from '../mail/index.ts';
import { nowOf, type CommunityContext } from './context.ts';
import { CollaborationInput, MessageInput, ReportInput } from './contracts.ts';
import type { AmountRange, Visibility } from './vocabulary.ts';

/** Messages a person may send in an hour, all conversations together (each one is an e-mail to someone). */
export const MESSAGES_PER_HOUR = 10;

const limitKey = (userId: string) => `community:messages:${userId}`;

/** Counts the message in the sender's hourly allowance: one statement that increments and decides. */
async function spendAllowance(ctx: CommunityContext, actor: SignedInActor): Promise<void> {
  const decision = await hitRateLimit(ctx.db, limitKey(actor.userId), { max: MESSAGES_PER_HOUR, windowSeconds: 3600 }, nowOf(ctx));
  if (!decision.allowed) throw rateLimited('community_rate_limited', { max: MESSAGES_PER_HOUR, minutes: Math.ceil(decision.retryAfterSeconds / 60) });
}

interface Party {
  id: string;
  email: string;
  language: MailLocale;
  /** The name they show: their profile's public name, else their account's. */
  shownName: string;
}

const partyColumns = (alias: string) =>
  sql.raw(`${alias}.id, ${alias}.email, ${alias}.preferred_language as language,
    coalesce((select public_name from community_profiles where user_id = ${alias}.id), ${alias}.name) as shown_name`);

function partyOf(row: { id: string; email: string; language: string; shown_name: string }): Party {
  return { id: row.id, email: row.email, language: row.language === 'en' ? 'en' : 'fr', shownName: row.shown_name };
}

async function partyById(db: Db, userId: string): Promise<Party | null> {
  const [row] = await queryRows<{ id: string; email: string; language: string; shown_name: string }>(
    db,
    sql`select ${partyColumns('u')} from "user" u where u.id = ${userId} and u.deleted_at is null`,
  );
  return row ? partyOf(row) : null;
}

/** Whether `blocker` has blocked `blocked`. */
async function isBlocked(db: Db, blocker: string, blocked: string): Promise<boolean> {
  const rows = await queryRows(db, sql`select 1 from community_blocks where blocker_id = ${blocker} and blocked_id = ${blocked}`);
  return rows.length > 0;
}

/** The e-mail that tells someone a message waits in the app: who wrote, the text, the link; no address. */
async function notify(ctx: CommunityContext, tx: Db, template: 'community-message' | 'community-reply', to: Party, from: string, body: string, conversationId: string) {
  if (!ctx.mailer) return null;
  const url = `${ctx.baseURL ?? ''}/compte/messages/${conversationId}`;
  return ctx.mailer.enqueue(tx, renderMail(template, to.email, { from, text: body, url }, to.language));
}

export interface MessageSent {
  conversationId: string;
  messageId: string;
}

/**
 * A signed-in person writes to a profile. The message is kept in the app and announced to the recipient by
 * e-mail from the instance (neither address is shown to the other); a second message to the same person
 * continues the same conversation. A private profile, or one the writer cannot see, is not found; a writer the
 * recipient blocked is refused; over `MESSAGES_PER_HOUR` a 429. Nothing is written when refused.
 */
export async function writeToProfile(ctx: CommunityContext, profileId: string, input: unknown): Promise<MessageSent> {
  const actor = requireUser(ctx.actor);
  const { body } = parse(MessageInput, input);
  const [profile] = await queryRows<{ user_id: string; visibility: Visibility }>(
    ctx.db,
    sql`select p.user_id, p.visibility from community_profiles p join "user" u on u.id = p.user_id
        where p.user_id = ${profileId} and u.deleted_at is null`,
  );
  if (!profile || profile.visibility === 'private') throw notFound('community_profile_not_found');
  if (profile.user_id === actor.userId) throw invalid('community_message_self');
  assertCan(actor, 'community.write', { type: 'community-profile', userId: profile.user_id, visibility: profile.visibility });
  if (await isBlocked(ctx.db, profile.user_id, actor.userId)) throw forbidden('community_blocked');
  const recipient = await partyById(ctx.db, profile.user_id);
  const sender = await partyById(ctx.db, actor.userId);
  if (!recipient || !sender) throw notFound('community_profile_not_found');
  await spendAllowance(ctx, actor);
  const at = nowOf(ctx).toISOString();
  const { sent, deliver } = await ctx.db.transaction(async (tx) => {
    const [existing] = await queryRows<{ id: string }>(
      tx,
      sql`select id from community_conversations where sender_id = ${actor.userId} and recipient_id = ${recipient.id} order by created_at limit 1`,
    );
    const conversationId =
      existing?.id ??
      (
        await queryRows<{ id: string }>(
          tx,
          sql`insert into community_conversations (sender_id, recipient_id, created_at, last_message_at)
              values (${actor.userId}, ${recipient.id}, ${at}::timestamptz, ${at}::timestamptz) returning id`,
        )
      )[0]!.id;
    const messageId = await insertMessage(tx, conversationId, actor.userId, body, at);
    const deliver = await notify(ctx, tx, 'community-message', recipient, sender.shownName, body, conversationId);
    return { sent: { conversationId, messageId }, deliver };
  });
  await deliver?.();
  return sent;
}

async function insertMessage(tx: Db, conversationId: string, authorId: string, body: string, at: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into community_messages (conversation_id, author_id, body, created_at) values (${conversationId}, ${authorId}, ${body}, ${at}::timestamptz) returning id`,
  );
  await tx.execute(sql`update community_conversations set last_message_at = ${at}::timestamptz where id = ${conversationId}`);
  return row!.id;
}

interface ConversationRow {
  id: string;
  sender_id: string;
  recipient_id: string;
  created_at: Date | string;
  recipient_replied_at: Date | string | null;
  sender_confirmed_at: Date | string | null;
  recipient_confirmed_at: Date | string | null;
  amount_range: AmountRange | null;
}

/** A conversation of the signed-in person, else not found (its existence is not anyone else's business). */
async function ownConversation(ctx: CommunityContext, conversationId: string): Promise<{ actor: SignedInActor; row: ConversationRow }> {
  const actor = requireUser(ctx.actor);
  if (!/^[0-9a-f-]{36}$/i.test(conversationId)) throw notFound('community_conversation_not_found');
  const [row] = await queryRows<ConversationRow>(ctx.db, sql`select * from community_conversations where id = ${conversationId}`);
  if (!row || (row.sender_id !== actor.userId && row.recipient_id !== actor.userId)) throw notFound('community_conversation_not_found');
  assertCan(actor, 'community.converse', { type: 'community-conversation', senderId: row.sender_id, recipientId: row.recipient_id });
  return { actor, row };
}

/**
 * A reply in a conversation. The recipient's first reply reveals their address to the sender (they chose to
 * answer); the other side is told by e-mail. Blocked or over the allowance: refused, nothing written.
 */
export async function replyInConversation(ctx: CommunityContext, conversationId: string, input: unknown): Promise<MessageSent> {
  const { actor, row } = await ownConversation(ctx, conversationId);
  const { body } = parse(MessageInput, input);
  const otherId = row.sender_id === actor.userId ? row.recipient_id : row.sender_id;
  if (await isBlocked(ctx.db, otherId, actor.userId)) throw forbidden('community_blocked');
  const other = await partyById(ctx.db, otherId);
  const me = await partyById(ctx.db, actor.userId);
  if (!other || !me) throw conflict('community_party_gone');
  await spendAllowance(ctx, actor);
  const at = nowOf(ctx).toISOString();
  const { messageId, deliver } = await ctx.db.transaction(async (tx) => {
    const messageId = await insertMessage(tx, row.id, actor.userId, body, at);
    if (actor.userId === row.recipient_id)
      await tx.execute(sql`update community_conversations set recipient_replied_at = coalesce(recipient_replied_at, ${at}::timestamptz) where id = ${row.id}`);
    const deliver = await notify(ctx, tx, actor.userId === row.recipient_id ? 'community-reply' : 'community-message', other, me.shownName, body, row.id);
    return { messageId, deliver };
  });
  await deliver?.();
  return { conversationId: row.id, messageId };
}

export interface ConversationSummary {
  id: string;
  otherName: string;
  /** Whether the signed-in person wrote first. */
  started: boolean;
  lastMessageAt: Date;
  messages: number;
}

/** The signed-in person's conversations, latest first. */
export async function myConversations(ctx: CommunityContext): Promise<ConversationSummary[]> {
  const actor = requireUser(ctx.actor);
  const rows = await queryRows<{ id: string; sender_id: string; other_name: string; last_message_at: Date | string; messages: number }>(
    ctx.db,
    sql`select c.id, c.sender_id, c.last_message_at,
          coalesce(p.public_name, u.name) as other_name,
          (select count(*) from community_messages msg where msg.conversation_id = c.id)::int as messages
        from community_conversations c
        join "user" u on u.id = case when c.sender_id = ${actor.userId} then c.recipient_id else c.sender_id end
        left join community_profiles p on p.user_id = u.id
        where c.sender_id = ${actor.userId} or c.recipient_id = ${actor.userId}
        order by c.last_message_at desc limit 200`,
  );
  return rows.map((r) => ({ id: r.id, otherName: r.other_name, started: r.sender_id === actor.userId, lastMessageAt: new Date(r.last_message_at), messages: Number(r.messages) }));
}

export interface ConversationView {
  id: string;
  /** Whether the signed-in person wrote first. */
  started: boolean;
  other: { id: string; name: string; hasProfile: boolean };
  /** The recipient's address, shown to the sender once the recipient has replied; otherwise null. */
  otherEmail: string | null;
  messages: { id: string; mine: boolean; body: string | null; createdAt: Date }[];
  replied: boolean;
  iBlocked: boolean;
  reported: boolean;
  collaboration: { mine: boolean; theirs: boolean; confirmed: boolean; amountRange: AmountRange | null };
}

/** One conversation for one of its two parties. */
export async function readConversation(ctx: CommunityContext, conversationId: string): Promise<ConversationView> {
  const { actor, row } = await ownConversation(ctx, conversationId);
  const started = row.sender_id === actor.userId;
  const otherId = started ? row.recipient_id : row.sender_id;
  const [other] = await queryRows<{ name: string; email: string; has_profile: boolean; visible: boolean; blocked: boolean; reported: boolean; deleted: boolean }>(
    ctx.db,
    sql`select coalesce(p.public_name, u.name) as name, u.email, p.user_id is not null as has_profile,
          coalesce(p.visibility <> 'private', false) as visible, u.deleted_at is not null as deleted,
          exists (select 1 from community_blocks where blocker_id = ${actor.userId} and blocked_id = u.id) as blocked,
          exists (select 1 from community_reports where conversation_id = ${row.id} and reporter_id = ${actor.userId} and resolved_at is null) as reported
        from "user" u left join community_profiles p on p.user_id = u.id where u.id = ${otherId}`,
  );
  const messages = await queryRows<{ id: string; author_id: string; body: string; erased_at: Date | null; created_at: Date | string }>(
    ctx.db,
    sql`select id, author_id, body, erased_at, created_at from community_messages where conversation_id = ${row.id} order by created_at, id`,
  );
  const mineAt = started ? row.sender_confirmed_at : row.recipient_confirmed_at;
  const theirsAt = started ? row.recipient_confirmed_at : row.sender_confirmed_at;
  return {
    id: row.id,
    started,
    other: { id: otherId, name: other?.name ?? '', hasProfile: !!other?.has_profile && !!other.visible },
    otherEmail: started && row.recipient_replied_at && other && !other.deleted ? other.email : null,
    messages: messages.map((msg) => ({ id: msg.id, mine: msg.author_id === actor.userId, body: msg.erased_at ? null : msg.body, createdAt: new Date(msg.created_at) })),
    replied: !!row.recipient_replied_at,
    iBlocked: !!other?.blocked,
    reported: !!other?.reported,
    collaboration: { mine: !!mineAt, theirs: !!theirsAt, confirmed: !!mineAt && !!theirsAt, amountRange: row.amount_range },
  };
}

/** Stops (or, `blocked` false, resumes) messages from the other party of a conversation. */
export async function setBlocked(ctx: CommunityContext, conversationId: string, blocked: boolean): Promise<void> {
  const { actor, row } = await ownConversation(ctx, conversationId);
  const otherId = row.sender_id === actor.userId ? row.recipient_id : row.sender_id;
  if (blocked)
    await ctx.db.execute(sql`insert into community_blocks (blocker_id, blocked_id, created_at) values (${actor.userId}, ${otherId}, ${nowOf(ctx).toISOString()}::timestamptz) on conflict do nothing`);
  else await ctx.db.execute(sql`delete from community_blocks where blocker_id = ${actor.userId} and blocked_id = ${otherId}`);
}

/** Reports a conversation to the platform administrators (one open report per person and conversation). */
export async function reportConversation(ctx: CommunityContext, conversationId: string, input: unknown): Promise<void> {
  const { actor, row } = await ownConversation(ctx, conversationId);
  const { reason } = parse(ReportInput, input);
  await ctx.db.execute(sql`insert into community_reports (conversation_id, reporter_id, reason, created_at)
    select ${row.id}, ${actor.userId}, ${reason}, ${nowOf(ctx).toISOString()}::timestamptz
    where not exists (select 1 from community_reports where conversation_id = ${row.id} and reporter_id = ${actor.userId} and resolved_at is null)`);
}

/**
 * One side confirms that the contact led to work, with an optional amount range (the last one given is kept).
 * Only once the recipient has replied: a message nobody answered led to nothing yet.
 */
export async function confirmCollaboration(ctx: CommunityContext, conversationId: string, input: unknown): Promise<void> {
  const { actor, row } = await ownConversation(ctx, conversationId);
  const { amountRange } = parse(CollaborationInput, input);
  if (!row.recipient_replied_at) throw conflict('community_collaboration_no_reply');
  const column = row.sender_id === actor.userId ? sql.raw('sender_confirmed_at') : sql.raw('recipient_confirmed_at');
  await ctx.db.execute(sql`update community_conversations set ${column} = coalesce(${column}, ${nowOf(ctx).toISOString()}::timestamptz),
    amount_range = coalesce(${amountRange}, amount_range) where id = ${row.id}`);
}

export interface ReportView {
  id: string;
  conversationId: string;
  reporterName: string;
  reportedName: string;
  reason: string;
  createdAt: Date;
  messages: { author: string; body: string | null; createdAt: Date }[];
}

/** The administrators' queue: open reports, oldest first, with the conversation they are about. */
export async function openReports(ctx: CommunityContext): Promise<ReportView[]> {
  assertCan(ctx.actor, 'community.moderate', { type: 'instance' });
  const reports = await queryRows<{ id: string; conversation_id: string; reporter_name: string; reported_name: string; reason: string; created_at: Date | string }>(
    ctx.db,
    sql`select r.id, r.conversation_id, r.reason, r.created_at, ru.name as reporter_name, ou.name as reported_name
        from community_reports r join community_conversations c on c.id = r.conversation_id
        join "user" ru on ru.id = r.reporter_id
        join "user" ou on ou.id = case when c.sender_id = r.reporter_id then c.recipient_id else c.sender_id end
        where r.resolved_at is null order by r.created_at, r.id limit 100`,
  );
  const messages = reports.length
    ? await queryRows<{ conversation_id: string; author: string; body: string; erased_at: Date | null; created_at: Date | string }>(
        ctx.db,
        sql`select msg.conversation_id, u.name as author, msg.body, msg.erased_at, msg.created_at from community_messages msg join "user" u on u.id = msg.author_id
            where msg.conversation_id in (select jsonb_array_elements_text(${JSON.stringify(reports.map((r) => r.conversation_id))}::jsonb)::uuid)
            order by msg.created_at, msg.id`,
      )
    : [];
  return reports.map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    reporterName: r.reporter_name,
    reportedName: r.reported_name,
    reason: r.reason,
    createdAt: new Date(r.created_at),
    messages: messages
      .filter((msg) => msg.conversation_id === r.conversation_id)
      .map((msg) => ({ author: msg.author, body: msg.erased_at ? null : msg.body, createdAt: new Date(msg.created_at) })),
  }));
}

/** An administrator closes a report (after acting on the account, if needed, from the people page). */
export async function resolveReport(ctx: CommunityContext, reportId: string): Promise<void> {
  const admin = assertCan(ctx.actor, 'community.moderate', { type: 'instance' });
  if (!/^[0-9a-f-]{36}$/i.test(reportId)) throw notFound('community_report_not_found');
  const rows = await queryRows(
    ctx.db,
    sql`update community_reports set resolved_at = ${nowOf(ctx).toISOString()}::timestamptz, resolved_by = ${admin.userId}
        where id = ${reportId}::uuid and resolved_at is null returning id`,
  );
  if (!rows.length) throw notFound('community_report_not_found');
}

/**
 * Collaborations confirmed by both sides in [from, to), counted per place: a place counts a collaboration when
 * either member says they use it (once, whoever of them does); `total` counts each once across the places.
 * Counted, never detailed: no names, no amounts.
 */
export async function collaborationCountsByPlace(db: Db, period: { from: Date; to: Date }, placeIds?: string[]): Promise<{ byPlace: Map<string, number>; total: number }> {
  const only = placeIds ? sql`and pp.place_id in (select jsonb_array_elements_text(${JSON.stringify(placeIds)}::jsonb)::uuid)` : sql``;
  const rows = await queryRows<{ place_id: string | null; n: number }>(
    db,
    sql`select pp.place_id, count(distinct c.id)::int as n
        from community_conversations c
        join community_profile_places pp on pp.user_id in (c.sender_id, c.recipient_id)
        where c.sender_confirmed_at is not null and c.recipient_confirmed_at is not null
          and greatest(c.sender_confirmed_at, c.recipient_confirmed_at) >= ${period.from.toISOString()}::timestamptz
          and greatest(c.sender_confirmed_at, c.recipient_confirmed_at) < ${period.to.toISOString()}::timestamptz ${only}
        group by grouping sets ((pp.place_id), ())`,
  );
  const byPlace = new Map(rows.filter((r) => r.place_id !== null).map((r) => [r.place_id!, Number(r.n)]));
  return { byPlace, total: Number(rows.find((r) => r.place_id === null)?.n ?? 0) };
}
