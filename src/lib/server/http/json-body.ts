import { invalid, tooLarge } from '../errors.ts';

/** The body stream's refusal of a body over BODY_SIZE_LIMIT (adapter-node): an error with status 413. */
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
    if (isOverLimit(error)) throw tooLarge();
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid('invalid_json');
  }
}
