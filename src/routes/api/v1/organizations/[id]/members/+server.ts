import { listMembers } from '$lib/server/accounts';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';

export const GET = apiHandler(async (event) => ({ items: await listMembers(requestContext(event), event.params.id ?? '') }));
