import { sql } from 'drizzle-orm';
import { DELETED_NAME, type PrivacyPart } from '../accounts/index.ts';
import { queryRows } from '../db/database.ts';

/**
 * What the community holds about a person: their profile (with the places they use) and the conversations
 * they took part in. Erasure removes the profile and empties the text of every message they wrote (the other
 * side keeps the thread's shape, "message deleted"); their name, address and phone are taken out of the
 * messages others wrote to them. Confirmed collaborations stay counted, as they never named anyone.
 */
export const communityPrivacy: PrivacyPart = {
  name: 'community',
  async export(db, userId) {
    const [profile] = await queryRows(
      db,
      sql`select public_name, headline, about, visibility, skill_keys, free_skills, languages, commune_code, links,
            available_for_missions, created_at, updated_at,
            (select coalesce(json_agg(pl.name order by pl.name), '[]'::json) from community_profile_places pp join places pl on pl.id = pp.place_id
              where pp.user_id = p.user_id) as places
          from community_profiles p where p.user_id = ${userId}`,
    );
    const messages = await queryRows(
      db,
      sql`select c.id as conversation, case when c.sender_id = ${userId} then 'sent' else 'received' end as started,
            case when msg.author_id = ${userId} then 'me' else 'other' end as author, msg.body, msg.created_at,
            c.sender_confirmed_at, c.recipient_confirmed_at, c.amount_range
          from community_conversations c join community_messages msg on msg.conversation_id = c.id
          where (c.sender_id = ${userId} or c.recipient_id = ${userId}) and msg.erased_at is null
          order by c.created_at, msg.created_at`,
    );
    const blocked = await queryRows(db, sql`select blocked_id as person, created_at from community_blocks where blocker_id = ${userId}`);
    return { communityProfile: profile ?? null, communityMessages: messages, communityBlocks: blocked };
  },
  async erase(tx, person) {
    await tx.execute(sql`delete from community_profiles where user_id = ${person.userId}`);
    await tx.execute(sql`update community_messages set body = '', erased_at = now() where author_id = ${person.userId} and erased_at is null`);
    const named = [person.email, person.phone, person.name].filter((text): text is string => !!text && text.length >= 3);
    for (const text of named)
      await tx.execute(sql`update community_messages msg set body = replace(msg.body, ${text}, ${DELETED_NAME})
        from community_conversations c where c.id = msg.conversation_id and (c.sender_id = ${person.userId} or c.recipient_id = ${person.userId})
          and msg.erased_at is null and strpos(msg.body, ${text}) > 0`);
    await tx.execute(sql`delete from community_blocks where blocker_id = ${person.userId} or blocked_id = ${person.userId}`);
  },
};
