import { error, type RequestEvent } from '@sveltejs/kit';
import { can, type Action, type Resource, type SignedInActor } from '../accounts/index.ts';
import { translate } from '../../i18n.ts';
import { requireSignedIn } from './form.ts';

/**
 * For a page's `load`: the signed-in actor if `can` lets them do `action` on `resource`. Nobody signed in goes
 * to the sign-in page (and comes back); anyone else gets the 403 page with the reason in their language.
 */
export function requirePermission(event: RequestEvent, action: Action, resource: Resource): SignedInActor {
  const actor = requireSignedIn(event);
  if (!can(actor, action, resource)) error(403, { message: translate('error_forbidden_action', {}, event.locals.locale), code: 'forbidden_action' });
  return actor;
}
