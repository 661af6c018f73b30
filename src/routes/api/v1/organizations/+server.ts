import { listMyOrganizations } from '$lib/server/accounts';
import { apiHandler } from '$lib/server/http/api';
import { requestContext } from '$lib/server/http/form';

export const GET = apiHandler(async (event) => ({ items: await listMyOrganizations(requestContext(event)) }));
