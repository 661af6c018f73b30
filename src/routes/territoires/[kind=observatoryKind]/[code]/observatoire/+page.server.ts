import { pageLoad } from '$lib/server/http/page';
import { parse } from '$lib/server/http/problem';
import { observatoryOf } from '$lib/server/observatory';
import { TerritoryPath } from '$lib/server/observatory/contracts';
import { KIND_OF_SEGMENT, observatoryPage, tableQueryOf } from '$lib/server/observatory/view';

export const load = ({ params, url, locals }) =>
  pageLoad(locals.locale, async () => {
    const { kind, code } = parse(TerritoryPath, { kind: KIND_OF_SEGMENT[params.kind], code: params.code });
    return observatoryPage(await observatoryOf(locals.runtime.database.db, kind, code), tableQueryOf(url));
  });
