import { error } from '@sveltejs/kit';
import { DomainError, HTTP_STATUS } from '../errors.ts';
import { toProblem } from './problem.ts';
import type { Locale } from '../../i18n.ts';

/** Runs a page load's domain call; a DomainError becomes SvelteKit's error page with the translated message. */
export async function pageLoad<T>(locale: Locale, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (caught) {
    if (caught instanceof DomainError) {
      const status = caught.kind === 'invalid' ? 404 : HTTP_STATUS[caught.kind];
      error(status, { message: toProblem(caught, locale).detail, code: caught.code });
    }
    throw caught;
  }
}
