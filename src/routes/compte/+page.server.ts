import { fail, isActionFailure, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { FormFailure } from '$lib/forms';
import {
  CONSENT_TEXT_VERSIONS,
  consentPurposes,
  deleteAccount,
  describeUserAgent,
  getProfile,
  listSessions,
  revokeOtherSessions,
  revokeSession,
  saveConsents,
  updateProfile,
} from '$lib/server/accounts';
import { formAction, requestContext, requireSignedIn } from '$lib/server/http/form';
import { formatDateTime } from '$lib/dates';
import { chosenCommune, resolveCommuneField } from '$lib/server/territory';
import { myAlternative, setAlternative } from '$lib/server/impact';

/** The forms of the page: a failure or a success names its own, so the message shows beside it. */
export type AccountSection = 'profile' | 'alternative' | 'consents' | 'sessions' | 'delete';

const failed = (result: unknown): result is ActionFailure<FormFailure> => isActionFailure(result);

/** Runs a section's form: its refusal comes back tagged with the section. */
async function sectionAction<T extends Record<string, unknown>>(event: RequestEvent, section: AccountSection, run: (values: Record<string, string>) => Promise<T>) {
  const result = await formAction(event, run);
  if (failed(result)) return fail(result.status, { ...result.data, section });
  return { ...result, section };
}

export const load = async (event) => {
  requireSignedIn(event);
  const { locale } = event.locals;
  const ctx = requestContext(event);
  const [profile, sessions] = await Promise.all([getProfile(ctx.db, ctx.actor), listSessions(ctx)]);
  const home = await resolveCommuneField(ctx.db, profile.homeCommune?.code ?? '', '');
  const alternative = await myAlternative(ctx);
  const workplace = await resolveCommuneField(ctx.db, alternative?.workplaceCommuneCode ?? '', '');
  return {
    home: home.selected,
    alternative: { kind: alternative?.kind ?? 'none', mode: alternative?.mode ?? 'car', workplace: workplace.selected },
    welcome: event.url.searchParams.has('bienvenue'),
    profile: {
      name: profile.name,
      email: profile.email,
      homeCommune: profile.homeCommune,
      phone: profile.phone,
      preferredLanguage: profile.preferredLanguage,
    },
    consents: consentPurposes.map((purpose) => {
      const last = profile.consents[purpose];
      return {
        purpose,
        granted: last?.granted ?? false,
        textVersion: CONSENT_TEXT_VERSIONS[purpose],
        last: last ? { granted: last.granted, textVersion: last.textVersion, at: formatDateTime(last.recordedAt, locale) } : null,
      };
    }),
    sessions: sessions.map((session) => ({
      id: session.id,
      current: session.current,
      createdAt: formatDateTime(session.createdAt, locale),
      lastSeenAt: formatDateTime(session.lastSeenAt, locale),
      browser: describeUserAgent(session.userAgent),
      ipAddress: session.ipAddress,
    })),
  };
};

/** better-auth's cookies (`maillage.session_token`…, `__Secure-` prefixed over HTTPS); not the language cookie. */
const isAuthCookie = (name: string) => /^(__Secure-|__Host-)?maillage\./.test(name);

export const actions = {
  profile: async (event) => {
    const db = event.locals.runtime.database.db;
    const result = await sectionAction(event, 'profile', async (values) => {
      // The commune picker sends the code chosen and the text typed; a form without the text sends a code.
      const commune = await chosenCommune(db, values.homeCommuneCode ?? '', values.homeCommuneCodeText ?? '', 'homeCommuneCode');
      await updateProfile(db, event.locals.actor, { ...values, homeCommuneCode: commune?.code ?? '' });
      return { saved: true };
    });
    if (!failed(result)) return result;
    // The communes the text may mean, for the picker to offer.
    const { homeCommuneCode = '', homeCommuneCodeText: text = '' } = result.data.values;
    return fail(result.status, { ...result.data, home: { text, ...(await resolveCommuneField(db, homeCommuneCode, text)) } });
  },
  // What the member would do on a day they come to a place (impact reports count the trips avoided).
  alternative: async (event) => {
    const db = event.locals.runtime.database.db;
    const result = await sectionAction(event, 'alternative', async (values) => {
      const commute = values.kind === 'commute';
      const workplace = commute ? await chosenCommune(db, values.workplaceCommuneCode ?? '', values.workplaceCommuneCodeText ?? '', 'workplaceCommuneCode') : null;
      await setAlternative(requestContext(event), { kind: values.kind, mode: values.mode, workplaceCommuneCode: workplace?.code ?? '' });
      return { saved: true };
    });
    if (!failed(result)) return result;
    const { workplaceCommuneCode = '', workplaceCommuneCodeText: text = '' } = result.data.values;
    return fail(result.status, { ...result.data, workplace: { text, ...(await resolveCommuneField(db, workplaceCommuneCode, text)) } });
  },
  // Unticked boxes are not sent: every purpose gets a choice.
  consents: (event) =>
    sectionAction(event, 'consents', async (values) => ({
      recorded: (await saveConsents(event.locals.runtime.database.db, event.locals.actor, Object.fromEntries(consentPurposes.map((p) => [p, values[p] === 'on'])))).length,
    })),
  revokeSession: (event) =>
    sectionAction(event, 'sessions', async (values) => {
      await revokeSession(requestContext(event), values.sessionId ?? '');
      return { ended: 1 };
    }),
  revokeOtherSessions: (event) => sectionAction(event, 'sessions', async () => ({ ended: await revokeOtherSessions(requestContext(event)) })),
  delete: async (event) => {
    const result = await sectionAction(event, 'delete', async (values) => {
      await deleteAccount(requestContext(event), values);
      return { deleted: true };
    });
    if (failed(result)) return result;
    // The sessions are gone from the database; the browser forgets its cookies too.
    for (const { name } of event.cookies.getAll()) if (isAuthCookie(name)) event.cookies.delete(name, { path: '/' });
    redirect(303, '/?compte=supprime');
  },
};
