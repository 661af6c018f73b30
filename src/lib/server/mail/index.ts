// Outgoing e-mail: an outbox table always, SMTP when SMTP_URL is set; templates in French and English.
export {
  createMailer,
  getOutboxMessage,
  listOutbox,
  smtpSender,
  type Mailer,
  type OutboxMessage,
  type OutboxPage,
  type OutgoingMail,
  type SmtpSend,
} from './mailer.ts';
export { escapeHtml, renderMail, type MailLocale, type MailTemplates } from './templates.ts';
export { outboxMessage, type MailAttachment } from './schema.ts';
