import { json } from '@sveltejs/kit';
import { DomainError, HTTP_STATUS } from '../errors.ts';
import { translate, type Locale } from '../../i18n.ts';

// Parsing is framework-free (domain code validates too); routes keep importing it from here.
export { parse } from '../errors.ts';

/** Query string to a plain object; repeated keys become arrays. */
export function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** A DomainError as an RFC 9457 problem, in the user's language. */
export function toProblem(error: DomainError, locale: Locale): Problem {
  const problem: Problem = {
    type: `about:blank`,
    title: translate(`status_${HTTP_STATUS[error.kind]}`, {}, locale),
    status: HTTP_STATUS[error.kind],
    code: error.code,
    detail: translate(`error_${error.code}`, error.params, locale),
  };
  if (error.issues.length > 0) {
    problem.errors = error.issues.map((issue) => ({
      path: issue.path,
      // Our contracts name catalogue keys; any other check (a wrong type) gets the generic message.
      message: translate(`error_${issue.message}`, issue.params ?? {}, locale, translate('error_invalid_value', {}, locale)),
    }));
    if (error.code === 'invalid_input') problem.detail = problem.errors.map((e) => e.message).join(' ');
  }
  return problem;
}

export function problemResponse(error: unknown, locale: Locale): Response {
  if (!(error instanceof DomainError)) throw error;
  const problem = toProblem(error, locale);
  return json(problem, { status: problem.status, headers: { 'content-type': 'application/problem+json' } });
}
