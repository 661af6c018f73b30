import { apiHandler } from '$lib/server/http/api';
import { territoryVintage } from '$lib/server/territory';
import { version } from '$app/environment';

export const GET = apiHandler(async ({ locals }) => {
  const { database, migrationLevel } = locals.runtime;
  const territory = await territoryVintage(database.db);
  return {
    status: 'ok',
    version,
    database: { engine: database.engine, migration: migrationLevel },
    referenceData: { territory: territory && { version: territory.version, vintage: territory.vintage } },
  };
});
