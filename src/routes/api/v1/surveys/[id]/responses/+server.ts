import { json } from '@sveltejs/kit';
import { browserRespondent, respondentCookieName, submitResponse } from '$lib/server/surveys';
import { jsonApiHandler } from '$lib/server/http/json-only';
import { PRIVATE_HEADERS } from '$lib/server/http/private';

/** 201 for a new answer; 200 with `Idempotency-Replayed` for a retry of one already stored. */
export const POST = jsonApiHandler(async (event, body) => {
  const { locals, cookies } = event;
  const id = event.params.id ?? '';
  const db = locals.runtime.database.db;
  const name = respondentCookieName(id);
  const respondent = await browserRespondent(db, id, cookies.get(name));
  const result = await submitResponse(db, id, body, {
    channel: 'online',
    respondentToken: respondent.token,
    submissionKey: event.request.headers.get('idempotency-key'),
    clientKey: event.getClientAddress(),
  });
  cookies.set(name, respondent.cookie, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86_400 });
  const headers: Record<string, string> = { ...PRIVATE_HEADERS };
  if (result.replayed) headers['idempotency-replayed'] = 'true';
  return json({ id: result.id, version: result.version, submittedOn: result.submittedOn }, { status: result.replayed ? 200 : 201, headers });
});
