import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * One answer per browser, without tracking: the browser holds a random token in a cookie signed with the
 * instance secret; the database keeps only a digest of the token, per survey. Nothing ties it to a person,
 * an address or a device; clearing cookies makes a new respondent, which is the price of not tracking.
 */

export const respondentCookieName = (surveyId: string) => `maillage_survey_${surveyId.replaceAll('-', '')}`;

const sign = (secret: string, surveyId: string, token: string) => createHmac('sha256', secret).update(`survey:${surveyId}:${token}`).digest('base64url');

/** A new token for a browser, as the cookie's value. */
export function newRespondentCookie(secret: string, surveyId: string): string {
  const token = randomBytes(18).toString('base64url');
  return `${token}.${sign(secret, surveyId, token)}`;
}

/** The token of a cookie whose signature holds, else null (a forged or foreign cookie is a new browser). */
export function respondentToken(secret: string, surveyId: string, cookie: string | undefined | null): string | null {
  if (!cookie) return null;
  const [token, signature, ...rest] = cookie.split('.');
  if (!token || !signature || rest.length) return null;
  const expected = Buffer.from(sign(secret, surveyId, token));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? token : null;
}

/** What is stored of a token or a retry key: a digest, per survey. */
export const digestOf = (surveyId: string, kind: string, value: string) => createHash('sha256').update(`${kind}:${surveyId}:${value}`).digest('base64url');

/** A code digest keyed by the instance secret: codes are short, so a bare hash could be reversed. */
export const codeDigest = (secret: string, surveyId: string, code: string) =>
  createHmac('sha256', secret).update(`survey-code:${surveyId}:${code.trim().toUpperCase().replace(/[\s-]/g, '')}`).digest('base64url');

/** Printed one-time codes: 8 characters without look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX. */
export function newOneTimeCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}
