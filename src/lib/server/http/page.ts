import { error } from '@sveltejs/kit';
import { DomainError, HTTP_STATUS } from '../errors.ts';
import { toProblem } from './problem.ts';
import type { Locale } from '../../i18n.ts';

/**
 * Runs a page load's domain call; a DomainError becomes SvelteKit's error page with the translated message.
 * An invalid path segment is a page that does not exist (404), unless `invalidStatus` says otherwise (a bad
 * query string: 400).
 */
export async function pageLoad<T>(locale: Locale, run: () => Promise<T>, invalidStatus: 400 | 404 = 404): Promise<T> {
  try {
    return await run();
  } catch (caught) {
    if (caught instanceof DomainError) {
      const status = caught.kind === 'invalid' ? invalidStatus : HTTP_STATUS[caught.kind];
      error(status, { message: toProblem(caught, locale).detail, code: caught.code });
    }
    throw caught;
  }
}
