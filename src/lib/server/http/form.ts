import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { RequestContext } from '../accounts/index.ts';
import { DomainError } from '../errors.ts';
import { toProblem } from './problem.ts';
import { safeReturnPath } from './return-path.ts';
import type { FormFailure } from '../../forms.ts';

/** The domain's view of a request: the process's accounts, who acts, their headers for better-auth. */
export function requestContext(event: RequestEvent): RequestContext {
  return { ...event.locals.runtime.accounts, actor: event.locals.actor, headers: event.locals.authHeaders };
}

/** Fields never sent back into a page. */
const SECRET_FIELDS = new Set(['password', 'confirmPassword', 'currentPassword', 'token']);

/** A form's fields as strings (checkboxes: `on` when ticked; file inputs are not used). */
async function formValues(request: Request): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [key, value] of await request.formData()) if (typeof value === 'string') values[key] = value;
  return values;
}

/**
 * Runs a form action's domain call. A refusal becomes `fail(status)` with the message in the user's
 * language and the typed values (never passwords), so the page shows it with or without JavaScript;
 * nobody signed in is sent to the sign-in page, and back here afterwards.
 */
export async function formAction<T>(
  event: RequestEvent,
  run: (values: Record<string, string>) => Promise<T>,
): Promise<T | ActionFailure<FormFailure>> {
  const values = await formValues(event.request);
  try {
    return await run(values);
  } catch (caught) {
    if (!(caught instanceof DomainError)) throw caught;
    if (caught.kind === 'unauthenticated' && caught.code === 'sign_in_required') signInRedirect(event);
    if (caught.kind === 'not_found' && !caught.issues.length && caught.code.endsWith('_not_found') && event.request.method === 'GET')
      error(404, { message: toProblem(caught, event.locals.locale).detail, code: caught.code });
    const problem = toProblem(caught, event.locals.locale);
    const errors: Record<string, string> = {};
    for (const issue of problem.errors ?? []) errors[issue.path || 'form'] ??= issue.message;
    const kept = Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_FIELDS.has(key)));
    return fail(problem.status, { message: problem.detail, errors, values: kept });
  }
}

/** To the sign-in page, which brings the person back to where they were. */
function signInRedirect(event: RequestEvent): never {
  const back = safeReturnPath(event.url.pathname + event.url.search, event.url.origin, '/compte');
  redirect(303, `/connexion?retour=${encodeURIComponent(back)}`);
}

/** For a page's `load`: the signed-in actor, or a redirect to the sign-in page. */
export function requireSignedIn(event: RequestEvent) {
  const actor = event.locals.actor;
  if (actor.kind !== 'user') signInRedirect(event);
  return actor;
}
