import { DomainError, invalid } from '../errors.ts';
import { bodyTooLarge } from './body-limit.ts';

/** The adapter's own refusal of a body over BODY_SIZE_LIMIT, when an operator sets one: an error with status 413. */
const isOverLimit = (error: unknown) => error instanceof Error && (error as { status?: unknown }).status === 413;

/**
 * The JSON body of an API request: a body that is not JSON is a 400 with a message, a body over the limit a
 * 413 with a message, never a 500.
 */
export async function jsonBody(request: Request): Promise<unknown> {
  let text: string;
  try {
    text = await request.text();
  } catch (error) {
    if (error instanceof DomainError) throw error; // over the route's limit (body-limit.ts)
    if (isOverLimit(error)) throw bodyTooLarge(new URL(request.url).pathname);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid('invalid_json');
  }
}
