import type * as z from 'zod';

/**
 * The one error type domain code throws. `code` is stable: clients may rely on it, and it is the key of
 * the user-facing message in the i18n catalogue (`error_<code>`), filled with `params`.
 */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'unsupported_media' | 'rate_limited';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `limit` or `rows.3.latitude`. */
  path: string;
  /** Message key (`error_<key>` in the catalogue) or, for generic checks, a message already in the user's language. */
  message: string;
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly issues: FieldIssue[] = [],
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, params?: Record<string, string | number>, issues?: FieldIssue[]) =>
  new DomainError('invalid', code, params, issues);
export const notFound = (code: string, params?: Record<string, string | number>) =>
  new DomainError('not_found', code, params);
export const unauthenticated = (code: string) => new DomainError('unauthenticated', code);
export const forbidden = (code: string, params?: Record<string, string | number>) => new DomainError('forbidden', code, params);
export const conflict = (code: string, params?: Record<string, string | number>) => new DomainError('conflict', code, params);
/** A request body over its route's limit, in whole megabytes: 413, whatever the route. */
export const tooLarge = (maxMegabytes: number) => new DomainError('too_large', 'body_too_large', { max: maxMegabytes });
/** A body sent as a media type the endpoint does not take (415). */
export const unsupportedMedia = (code: string) => new DomainError('unsupported_media', code);
/** Too many attempts: an `invalid`-like refusal with its own status (429); `params` say when to try again. */
export const rateLimited = (code: string, params?: Record<string, string | number>) => new DomainError('rate_limited', code, params);

export const HTTP_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  rate_limited: 429,
};

/** The path of the first string holding a NUL character, which no PostgreSQL text can store; null if none. */
function nulPath(value: unknown, path: (string | number)[] = [], depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (depth > 8 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulPath(inner, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Parses input with a zod contract; failures become one `invalid` DomainError listing each field. Text
 * with a NUL character is refused here, for every contract, before it can reach the database.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = nulPath(input);
  if (nul !== null) throw invalid('invalid_input', { count: 1 }, [{ path: nul, message: 'text_nul_character' }]);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
    // A custom check may name the figures its message shows (a limit).
    ...(issue.code === 'custom' && issue.params ? { params: issue.params as Record<string, string | number> } : {}),
  }));
  throw invalid('invalid_input', { count: issues.length }, issues);
}
