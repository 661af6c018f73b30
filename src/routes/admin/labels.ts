// Labels of the outbox statuses, one catalogue message each.
import { m } from '$lib/paraglide/messages.js';

export const outboxStatusLabels: Record<'outbox' | 'sent' | 'failed', () => string> = {
  outbox: m.admin_status_outbox,
  sent: m.admin_status_sent,
  failed: m.admin_status_failed,
};
