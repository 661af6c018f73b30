// Labels of the events vocabulary, one catalogue message per code (pages ship only these messages).
import { m } from '$lib/paraglide/messages.js';
import type { EventKind } from '$lib/server/events/vocabulary';

type Label = () => string;

/** In the order of the filter form. */
export const eventKindLabels: Record<EventKind, Label> = {
  afterwork: m.events_kind_afterwork,
  training: m.events_kind_training,
  meetup: m.events_kind_meetup,
  workshop: m.events_kind_workshop,
  conference: m.events_kind_conference,
  other: m.events_kind_other,
};
