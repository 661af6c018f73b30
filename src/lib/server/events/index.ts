// Events across the network: series with recurrence, registrations with a waiting list, reminders, feeds.
// Its rules join the one `can` as soon as the domain is loaded.
import './access.ts';
export {
  cancelOccurrence,
  cancelRegistration,
  cancelSeries,
  checkIn,
  createEvent,
  managedEvents,
  moveOccurrence,
  myRegistrationTo,
  myRegistrations,
  occurrenceFor,
  organizerChoices,
  register,
  registrantsOf,
  seriesForTeam,
  type OrganizerChoice,
  type Registrant,
  type MyRegistration,
  type Registration,
  type RegistrationResult,
} from './service.ts';
export { calendarChoices, calendarOf, parisDay, type CalendarItem } from './calendar.ts';
export { addRegistrationsTo, cachedFeed, feedTag, publicFeed, FEED_TERRITORY_KINDS, type FeedScope } from './feeds.ts';
export { sendDueReminders, scheduleReminders } from './reminders.ts';
export { registrantsCsv, eventJsonLd, occurrenceJson, occurrencePage, placeUpcomingEvents } from './views.ts';
export { eventsPrivacy } from './privacy.ts';
export { seedDemoEvents, DEMO_NETWORK_ID } from './demo.ts';
export { expand, localStarts, normaliseRrule, occurrenceId, type Occurrence, type SeriesShape } from './recurrence.ts';
export { instantOfLocal, localOf } from './time.ts';
export type { Series } from './queries.ts';
export { EventsQuery } from './contracts.ts';
export { eventKinds, MAX_OCCURRENCES, type EventKind } from './vocabulary.ts';
export type { EventContext } from './context.ts';
