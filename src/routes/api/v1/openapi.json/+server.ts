import { json } from '@sveltejs/kit';
import { version } from '$app/environment';
import { openApiDocument } from '$lib/server/http/openapi';

export const GET = () => json(openApiDocument(version));
