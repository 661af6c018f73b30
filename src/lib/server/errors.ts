/**
 * The one error type domain code throws. `code` is stable: clients may rely on it, and it is the key of
 * the user-facing message in the i18n catalogue (`error_<code>`), filled with `params`.
 */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

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

export const HTTP_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};
