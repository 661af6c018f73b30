import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMail, type MailLocale, type MailTemplates } from './templates.ts';

const catalogues = {
  fr: JSON.parse(readFileSync('messages/fr.json', 'utf8')) as Record<string, string>,
  en: JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, string>,
};
const fill = (text: string, params: object) => text.replace(/\{(\w+)\}/g, (_, name: string) => String((params as Record<string, unknown>)[name]));
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Text someone typed (a name, an organization) that HTML must not take for markup. */
const TYPED = `<b onclick="x()">Zoé & l'Équipe</b>`;
const url = (path: string) => `https://maillage.example.org${path}?token=t0k3n&callbackURL=%2Fcompte`;

interface Case<K extends keyof MailTemplates> {
  params: MailTemplates[K];
  subjectKey: string;
  /** The link of the button, and any other link the text spells out. */
  action: string;
  links: string[];
  /** Typed text the body carries. */
  typed: boolean;
}
const cases: { [K in keyof MailTemplates]?: Case<K> } = {
  'verify-email': { params: { name: TYPED, url: url('/api/auth/verify-email') }, subjectKey: 'email_verify_subject', action: url('/api/auth/verify-email'), links: [], typed: true },
  'magic-link': { params: { url: url('/api/auth/magic-link/verify') }, subjectKey: 'email_magic_link_subject', action: url('/api/auth/magic-link/verify'), links: [], typed: false },
  'reset-password': { params: { name: TYPED, url: url('/api/auth/reset-password/t0k3n') }, subjectKey: 'email_reset_subject', action: url('/api/auth/reset-password/t0k3n'), links: [], typed: true },
  'existing-account': {
    params: { name: TYPED, signInUrl: 'https://maillage.example.org/connexion', resetUrl: 'https://maillage.example.org/mot-de-passe-oublie' },
    subjectKey: 'email_existing_subject',
    action: 'https://maillage.example.org/mot-de-passe-oublie',
    links: ['https://maillage.example.org/connexion'],
    typed: true,
  },
  invitation: {
    params: { organization: TYPED, inviter: 'Camille', role: 'équipe', url: 'https://maillage.example.org/invitations/abc' },
    subjectKey: 'email_invitation_subject',
    action: 'https://maillage.example.org/invitations/abc',
    links: [],
    typed: true,
  },
};

describe('renderMail', () => {
  for (const [template, test] of Object.entries(cases) as [keyof MailTemplates, Case<keyof MailTemplates>][]) {
    for (const locale of ['fr', 'en'] as MailLocale[]) {
      it(`${template} in ${locale}: subject in the language, links in text and HTML, typed text escaped`, () => {
        const mail = renderMail(template, 'zoe@example.org', test.params as never, locale);
        expect(mail).toMatchObject({ to: 'zoe@example.org', template });
        expect(mail.subject).toBe(fill(catalogues[locale][test.subjectKey]!, test.params));
        expect(mail.subject).not.toBe(fill(catalogues[locale === 'fr' ? 'en' : 'fr'][test.subjectKey]!, test.params));

        for (const link of [test.action, ...test.links]) expect(mail.text).toContain(link);
        expect(mail.html).toContain(`<a href="${escaped(test.action)}">`);
        expect(mail.html).not.toContain('t0k3n&callbackURL');
        expect(mail.text).toContain(catalogues[locale].email_footer);

        if (test.typed) {
          expect(mail.text).toContain(TYPED);
          expect(mail.html).toContain(escaped(TYPED));
        }
        expect(mail.html).not.toContain('<b ');
        expect(mail.html).not.toContain(`l'Équipe`);
      });
    }
  }
});
