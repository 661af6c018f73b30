// The closed lists of events (the CHECK constraints name them); no imports.

/** What kind of event it is (the calendar's "type" filter). */
export const eventKinds = ['afterwork', 'training', 'meetup', 'workshop', 'conference', 'other'] as const;
export type EventKind = (typeof eventKinds)[number];

/** Who sees it: everyone, or signed-in members of the network only (never in a public feed). */
export const eventAudiences = ['public', 'members'] as const;
export type EventAudience = (typeof eventAudiences)[number];

/** A registration holds a seat (`confirmed`), waits for one (`waiting`), or was given up (`cancelled`). */
export const registrationStatuses = ['confirmed', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** A series makes at most this many occurrences: more is refused, not cut. */
export const MAX_OCCURRENCES = 500;
/** The zone of places in metropolitan France, and of events that have no place. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';
/** How many hours before an occurrence starts its reminder goes out. */
export const REMINDER_HOURS = 24;
