import { invalid } from '../errors.ts';

/** The JSON body of an API request; a body that is not JSON is a 400 with a message, never a 500. */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid('invalid_json');
  }
}
