import { isPlatformAdmin, registerRules } from '../accounts/index.ts';
import type { Visibility } from './vocabulary.ts';

// The community's rules in the one `can`. Reading a profile is decided by `visibleTo` (model.ts), since
// visitors who are not signed in read public profiles and `can` answers only for signed-in people.

declare module '../accounts/access.ts' {
  interface ResourceTypes {
    /** A member's profile: whose it is and who may see it. */
    'community-profile': { userId: string; visibility: Visibility };
    /** A relayed conversation: who wrote first and to whom. */
    'community-conversation': { senderId: string; recipientId: string };
  }
  interface Actions {
    'community.update-profile': true;
    'community.write': true;
    'community.converse': true;
    'community.moderate': true;
  }
}

registerRules('community-profile', {
  'community.update-profile': (actor, profile) => actor.userId === profile.userId,
  // Anyone signed in may write to a profile they can see, never to a private one nor to themselves.
  'community.write': (actor, profile) => profile.visibility !== 'private' && actor.userId !== profile.userId,
});

registerRules('community-conversation', {
  'community.converse': (actor, conversation) => actor.userId === conversation.senderId || actor.userId === conversation.recipientId,
});

registerRules('instance', { 'community.moderate': (actor) => isPlatformAdmin(actor) });
