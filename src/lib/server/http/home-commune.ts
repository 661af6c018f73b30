import { getProfile } from '../accounts/index.ts';

/**
 * The signed-in person's home commune (INSEE code), or '' : the searches (home, directory, free desks, simulator)
 * start from it when nothing is asked yet.
 */
export async function homeCommuneCode(locals: App.Locals): Promise<string> {
  if (locals.actor.kind !== 'user') return '';
  return (await getProfile(locals.runtime.database.db, locals.actor)).homeCommune?.code ?? '';
}
