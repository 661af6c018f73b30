// Community: members' profiles and the skills directory, relayed contact (neither address shown), blocking and
// reports, collaborations confirmed by both sides and counted per place.
// Its rules join the one `can` as soon as the domain is loaded.
import './access.ts';
export type { CommunityContext } from './context.ts';
export {
  deleteProfile,
  directoryPlaces,
  myProfile,
  placeChoices,
  readProfile,
  saveProfile,
  searchProfiles,
  type ProfilePlace,
  type ProfileSearchResult,
  type ProfileView,
} from './profiles.ts';
export {
  collaborationCountsByPlace,
  confirmCollaboration,
  myConversations,
  openReports,
  readConversation,
  replyInConversation,
  reportConversation,
  resolveReport,
  setBlocked,
  writeToProfile,
  MESSAGES_PER_HOUR,
  type ConversationSummary,
  type ConversationView,
  type MessageSent,
  type ReportView,
} from './messages.ts';
export { DEFAULT_PROFILE_RADIUS_KM, MAX_PROFILE_RADIUS_KM, MAX_LINKS, MAX_PLACES, MAX_MESSAGE_LENGTH, ProfileSearchQuery, ProfileInput, MessageInput } from './contracts.ts';
export { skillKey, skillOf, MAX_FREE_SKILLS } from './model.ts';
export { amountRanges, PROFILE_LANGUAGES, SKILLS, visibilities, type AmountRange, type Skill, type Visibility } from './vocabulary.ts';
export { communityPrivacy } from './privacy.ts';
export { DEMO_MEMBERS, generatedMembers, insertSyntheticMembers, seedDemoCommunity } from './demo.ts';
