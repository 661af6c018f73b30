import { apiHandler } from '$lib/server/http/api';
import { notFound } from '$lib/server/errors';

// Any other /api/v1 address answers a problem+json 404, like the rest of the API.
export const fallback = apiHandler(async () => {
  throw notFound('api_not_found');
});
