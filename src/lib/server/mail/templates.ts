import * as m from '../../paraglide/messages.js';
import type { OutgoingMail } from './mailer.ts';

export type MailLocale = 'fr' | 'en';

/** The messages the instance sends, each with the parameters its text needs. */
export interface MailTemplates {
  'verify-email': { name: string; url: string };
  'magic-link': { url: string };
  'reset-password': { name: string; url: string };
  'existing-account': { name: string; signInUrl: string; resetUrl: string };
  invitation: { organization: string; inviter: string; role: string; url: string };
  'entitlement-invitation': { place: string; offer: string; url: string };
  'booking-confirmed': BookingMail;
  'booking-cancelled': BookingMail;
  'community-message': CommunityMail;
  'community-reply': CommunityMail;
  'event-registered': EventMail;
  'event-waiting': EventMail;
  'event-promoted': EventMail;
  'event-cancelled': EventMail;
  'event-moved': EventMail;
  'event-reminder': EventMail;
}

/** A relayed message: who wrote (the name they show), the text, the conversation in the app; never an address. */
interface CommunityMail {
  from: string;
  text: string;
  url: string;
}

/** What every e-mail about an event occurrence says: who, what, when (local time), where, and its page. */
interface EventMail {
  name: string;
  title: string;
  when: string;
  where: string;
  url: string;
}

const eventMail =
  (subject: (p: { title: string }, o: { locale: MailLocale }) => string, body: (p: EventMail, o: { locale: MailLocale }) => string): Render<EventMail> =>
  (p, locale) => ({
    subject: subject({ title: p.title }, { locale }),
    body: body(p, { locale }),
    action: { label: m.events_email_action({}, { locale }), url: p.url },
  });

interface BookingMail {
  name: string;
  place: string;
  /** Street, postal code and commune. */
  address: string;
  resource: string;
  when: string;
  url: string;
}

type Render<P> = (params: P, locale: MailLocale) => { subject: string; body: string; action?: { label: string; url: string } };

const templates: { [K in keyof MailTemplates]: Render<MailTemplates[K]> } = {
  'verify-email': (p, locale) => ({
    subject: m.email_verify_subject({}, { locale }),
    body: m.email_verify_body({ name: p.name }, { locale }),
    action: { label: m.email_verify_action({}, { locale }), url: p.url },
  }),
  'magic-link': (p, locale) => ({
    subject: m.email_magic_link_subject({}, { locale }),
    body: m.email_magic_link_body({}, { locale }),
    action: { label: m.email_magic_link_action({}, { locale }), url: p.url },
  }),
  'reset-password': (p, locale) => ({
    subject: m.email_reset_subject({}, { locale }),
    body: m.email_reset_body({ name: p.name }, { locale }),
    action: { label: m.email_reset_action({}, { locale }), url: p.url },
  }),
  'existing-account': (p, locale) => ({
    subject: m.email_existing_subject({}, { locale }),
    body: m.email_existing_body({ name: p.name, signInUrl: p.signInUrl }, { locale }),
    action: { label: m.email_reset_action({}, { locale }), url: p.resetUrl },
  }),
  invitation: (p, locale) => ({
    subject: m.email_invitation_subject({ organization: p.organization }, { locale }),
    body: m.email_invitation_body(p, { locale }),
    action: { label: m.email_invitation_action({}, { locale }), url: p.url },
  }),
  'entitlement-invitation': (p, locale) => ({
    subject: m.email_entitlement_invitation_subject({ place: p.place }, { locale }),
    body: m.email_entitlement_invitation_body(p, { locale }),
    action: { label: m.email_invitation_action({}, { locale }), url: p.url },
  }),
  'booking-confirmed': (p, locale) => ({
    subject: m.email_booking_confirmed_subject({ place: p.place }, { locale }),
    body: m.email_booking_confirmed_body(p, { locale }),
    action: { label: m.email_booking_action({}, { locale }), url: p.url },
  }),
  'booking-cancelled': (p, locale) => ({
    subject: m.email_booking_cancelled_subject({ place: p.place }, { locale }),
    body: m.email_booking_cancelled_body(p, { locale }),
    action: { label: m.email_booking_action({}, { locale }), url: p.url },
  }),
  'community-message': (p, locale) => ({
    subject: m.community_email_message_subject({ from: p.from }, { locale }),
    body: m.community_email_message_body(p, { locale }),
    action: { label: m.community_email_action({}, { locale }), url: p.url },
  }),
  'community-reply': (p, locale) => ({
    subject: m.community_email_reply_subject({ from: p.from }, { locale }),
    body: m.community_email_reply_body(p, { locale }),
    action: { label: m.community_email_action({}, { locale }), url: p.url },
  }),
  'event-registered': eventMail(m.events_email_registered_subject, m.events_email_registered_body),
  'event-waiting': eventMail(m.events_email_waiting_subject, m.events_email_waiting_body),
  'event-promoted': eventMail(m.events_email_promoted_subject, m.events_email_promoted_body),
  'event-cancelled': eventMail(m.events_email_cancelled_subject, m.events_email_cancelled_body),
  'event-moved': eventMail(m.events_email_moved_subject, m.events_email_moved_body),
  'event-reminder': eventMail(m.events_email_reminder_subject, m.events_email_reminder_body),
};

/** Text as it appears in the HTML of a message (the deletion of an account looks for it in this form too). */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A message in the recipient's language, as plain text (the link spelled out) and as simple HTML. */
export function renderMail<K extends keyof MailTemplates>(
  template: K,
  to: string,
  params: MailTemplates[K],
  locale: MailLocale,
): OutgoingMail {
  const { subject, body, action } = templates[template](params, locale);
  const footer = m.email_footer({}, { locale });
  const paragraphs = body.split('\n\n');
  const text = [...paragraphs, ...(action ? [`${action.label}\n${action.url}`] : []), '--', footer].join('\n\n');
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(action ? [`<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`] : []),
    `<p style="color:#555">${escapeHtml(footer)}</p>`,
  ].join('\n');
  return { to, subject, text, html, template };
}
