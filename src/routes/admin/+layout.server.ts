import { requirePermission } from '$lib/server/http/guard';

// Every page under /admin is for platform administrators; each page's load asks again for its own data.
export const load = (event) => {
  requirePermission(event, 'admin.read', { type: 'instance' });
  return {};
};
