// Pure rules of profiles: skill keys, what a search matches, who sees what. Reads no table.
import type { Actor } from '../accounts/index.ts';
import { invalid } from '../errors.ts';
import { foldWords } from '../territory/index.ts';
import { FREE_SKILL_PREFIX, SKILLS, type Skill, type Visibility } from './vocabulary.ts';

const byCode = new Map(SKILLS.map((skill) => [skill.code, skill]));
/** Folded French and English labels (and codes) of the curated skills, to their code. */
const byFoldedLabel = new Map<string, string>();
for (const skill of SKILLS) for (const label of [skill.fr, skill.en, skill.code]) byFoldedLabel.set(foldWords(label).join(' '), skill.code);

export const MAX_FREE_SKILLS = 15;
export const MAX_SKILLS = 30;
export const MAX_FREE_SKILL_LENGTH = 60;

export const skillOf = (code: string): Skill | undefined => byCode.get(code);
export const isSkillCode = (code: string) => byCode.has(code);

/**
 * The key of a skill someone typed: a curated code when its folded words are a curated label in either
 * language ("developpement WEB" is `web-development`), else `~` and its folded words, so that
 * "Taille de pierre" and "taille  de  PIERRE" are one.
 */
export function skillKey(typed: string): string | null {
  const folded = foldWords(typed).join(' ');
  if (!folded) return null;
  return byFoldedLabel.get(folded) ?? `${FREE_SKILL_PREFIX}${folded}`;
}

/**
 * Curated codes and free additions as stored: known codes only (else `community_skill_unknown`), one key per
 * skill whatever its spelling; a free addition that names a curated skill becomes it.
 */
export function normaliseSkills(codes: readonly string[], free: readonly string[]): { skillKeys: string[]; freeSkills: string[] } {
  const keys: string[] = [];
  const freeSkills: string[] = [];
  for (const code of codes) {
    if (!isSkillCode(code)) throw invalid('community_skill_unknown', { code: code.slice(0, 40) }, [{ path: 'skills', message: 'community_skill_unknown', params: { code: code.slice(0, 40) } }]);
    if (!keys.includes(code)) keys.push(code);
  }
  for (const typed of free) {
    const label = typed.trim().replace(/\s+/g, ' ');
    const key = skillKey(label);
    if (!key || keys.includes(key)) continue;
    keys.push(key);
    if (key.startsWith(FREE_SKILL_PREFIX)) freeSkills.push(label);
  }
  if (freeSkills.length > MAX_FREE_SKILLS || keys.length > MAX_SKILLS)
    throw invalid('community_too_many_skills', { max: MAX_SKILLS }, [{ path: 'freeSkills', message: 'community_too_many_skills', params: { max: MAX_SKILLS } }]);
  return { skillKeys: keys, freeSkills };
}

/** A profile's skills as shown, curated ones in the reader's language, free ones as typed. */
export function skillLabels(skillKeys: readonly string[], freeSkills: readonly string[], locale: 'fr' | 'en'): { key: string; label: string; curated: boolean }[] {
  const free = new Map(freeSkills.map((label) => [skillKey(label), label]));
  return skillKeys.map((key) => {
    const skill = byCode.get(key);
    return skill ? { key, label: skill[locale], curated: true } : { key, label: free.get(key) ?? key.slice(FREE_SKILL_PREFIX.length), curated: false };
  });
}

/** The folded words a text search matches: name, headline, about, and every skill in both languages. */
export function searchTextOf(profile: { publicName: string; headline: string; about: string; skillKeys: readonly string[]; freeSkills: readonly string[] }): string {
  const skills = profile.skillKeys.flatMap((key) => {
    const skill = byCode.get(key);
    return skill ? [skill.fr, skill.en] : [];
  });
  return ` ${foldWords([profile.publicName, profile.headline, profile.about, ...skills, ...profile.freeSkills].join(' ')).join(' ')} `;
}

const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
/** Nine digits or more, with the separators people put in phone numbers (+33 6 12 34 56 78, 06.12.34.56.78). */
const PHONE = /(?:\+|\b)\d(?:[\s.()-]*\d){8,}/;

/** Whether a text holds an e-mail address or a phone number (a profile shows neither: contact is relayed). */
export const hasContactDetails = (text: string) => EMAIL.test(text) || PHONE.test(text);

/** The folded words of a text query, each to be found at the start of a word of `search_text`. */
export const queryWords = (q: string) => foldWords(q).slice(0, 8);

/** Whether a profile is shown to someone: its owner always; members' profiles to anyone signed in; public ones to all. */
export function visibleTo(actor: Actor, profile: { userId: string; visibility: Visibility }): boolean {
  if (profile.visibility === 'public') return true;
  if (actor.kind !== 'user') return false;
  return profile.visibility === 'members' || actor.userId === profile.userId;
}

/** The visibility levels a search shows to someone (their own profile aside). */
export const visibleLevels = (actor: Actor): Visibility[] => (actor.kind === 'user' ? ['public', 'members'] : ['public']);
