import * as z from 'zod';

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: 'Stable error code' }),
    detail: z.string().meta({ description: "Message in the caller's language (Accept-Language or the language cookie)" }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

const descriptions: Record<string, string> = {
  '400': 'Invalid input',
  '401': 'Not signed in',
  '403': 'Forbidden',
  '404': 'Not found',
  '409': 'Conflict',
  '413': 'The body is over its route\'s size limit (1 MB; 11 MB for a photo upload)',
  // Writes that take a session cookie read JSON bodies only, which another site cannot send without CORS.
  '415': 'The body is not `application/json`',
};

export function problemResponses(...statuses: string[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status] ?? status, content: { 'application/problem+json': { schema: Problem } } },
    ]),
  );
}
