import { error } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { requestContext } from '$lib/server/http/form';
import { toProblem } from '$lib/server/http/problem';
import { registrantsCsv } from '$lib/server/events';

/** The registrants of an occurrence as CSV, for its organizing team (cells through csv-cell.ts). */
export const GET = async (event) => {
  try {
    const { filename, csv } = await registrantsCsv(requestContext(event), event.params.occurrence);
    return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' } });
  } catch (caught) {
    if (caught instanceof DomainError) error(caught.kind === 'unauthenticated' ? 401 : 404, { message: toProblem(caught, event.locals.locale).detail, code: caught.code });
    throw caught;
  }
};
