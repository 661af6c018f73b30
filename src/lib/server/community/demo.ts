import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { user } from '../accounts/index.ts';
import { bulkInsert } from '../db/bulk.ts';
import { queryRows, type Db } from '../db/database.ts';
import { seededRandom } from '../random.ts';
import { normaliseSkills, searchTextOf } from './model.ts';
import { communityProfiles } from './schema.ts';
import { SKILL_CODES, type Visibility } from './vocabulary.ts';

/** A synthetic member: a person and their profile, marked synthetic, never a real one. */
export interface SyntheticMember {
  name: string;
  headline: string;
  communeCode: string;
  skills: string[];
  freeSkills?: string[];
  languages: string[];
  available: boolean;
  visibility: Visibility;
  /** Demo place slugs they use. */
  places?: string[];
}

/*
 * The demo's members around Luzech (Lot) and Cabriès (Bouches-du-Rhône), invented and marked synthetic. Among
 * them a web developer in Catus, 10 km from Luzech, for the directory's first search.
 */
export const DEMO_MEMBERS: SyntheticMember[] = [
  { name: 'Julien Ferrand', headline: 'Développeur web indépendant, sites et applications sur mesure', communeCode: '46064', skills: ['web-development', 'devops', 'ux-design'], languages: ['fr', 'en'], available: true, visibility: 'public', places: ['coworking-vallee-du-lot-et-du-vignoble'] },
  { name: 'Maëlle Cassagne', headline: 'Graphiste et illustratrice, identités visuelles de caves et de gîtes', communeCode: '46225', skills: ['graphic-design', 'illustration'], freeSkills: ['Étiquettes de vin'], languages: ['fr', 'oc'], available: true, visibility: 'public', places: ['coworking-vallee-du-lot-et-du-vignoble'] },
  { name: 'Thomas Delpech', headline: 'Comptable, tenue et bilans pour TPE et associations', communeCode: '46042', skills: ['accounting', 'bookkeeping', 'payroll'], languages: ['fr'], available: false, visibility: 'public' },
  { name: 'Sofia Almeida', headline: 'Traductrice français, portugais, anglais', communeCode: '46231', skills: ['translation', 'proofreading'], languages: ['fr', 'pt', 'en'], available: true, visibility: 'members' },
  { name: 'Bastien Lacombe', headline: 'Photographe et vidéaste, tourisme et patrimoine', communeCode: '46001', skills: ['photography', 'video', 'tourism'], languages: ['fr', 'en'], available: true, visibility: 'public' },
  { name: 'Claire Vigouroux', headline: 'Cheffe de projet développement local, montage de dossiers', communeCode: '46182', skills: ['local-development', 'grant-writing', 'project-management'], languages: ['fr', 'es'], available: false, visibility: 'public', places: ['coworking-vallee-du-lot-et-du-vignoble'] },
  { name: 'Nadia Benali', headline: 'Développeuse mobile et web, applications pour les commerces', communeCode: '13019', skills: ['mobile-development', 'web-development'], languages: ['fr', 'ar', 'en'], available: true, visibility: 'public', places: ['ocowork-cabries'] },
  { name: 'Pierre Arnaud', headline: 'Consultant marchés publics pour les entreprises du bâtiment', communeCode: '13001', skills: ['public-procurement', 'legal-advice'], languages: ['fr'], available: true, visibility: 'public', places: ['ocowork-cabries'] },
  { name: 'Léa Martinez', headline: 'Community manager et rédactrice', communeCode: '13117', skills: ['social-media', 'copywriting', 'communication'], languages: ['fr', 'es', 'en'], available: true, visibility: 'public', places: ['morpho-buro-eguilles'] },
  { name: 'Hugo Roux', headline: 'Architecte, rénovation énergétique des bâtiments anciens', communeCode: '13071', skills: ['architecture', 'energy-renovation'], freeSkills: ['Pierre sèche'], languages: ['fr', 'it'], available: false, visibility: 'members', places: ['ocowork-cabries'] },
];

/** The demo coworker's profile: a graphic designer in Luzech who works at the Vallée du Lot place. */
const COWORKER_PROFILE = {
  headline: 'Graphiste et communication pour les associations et les collectivités',
  skills: ['graphic-design', 'communication', 'event-organisation'],
  languages: ['fr', 'en'],
  communeCode: '46182',
  places: ['coworking-vallee-du-lot-et-du-vignoble'],
};

/** A stable id and address for a synthetic person (the address can receive nothing). */
const syntheticId = (key: string) => `synthetic-${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;

type ProfileRow = typeof communityProfiles.$inferInsert;

function profileRow(userId: string, member: SyntheticMember, point: { lat: number; lon: number }, synthetic: boolean): ProfileRow {
  const { skillKeys, freeSkills } = normaliseSkills(member.skills, member.freeSkills ?? []);
  return {
    userId,
    publicName: member.name,
    headline: member.headline,
    about: '',
    visibility: member.visibility,
    skillKeys,
    freeSkills,
    languages: member.languages,
    communeCode: member.communeCode,
    lat: point.lat,
    lon: point.lon,
    links: [],
    availableForMissions: member.available,
    searchText: searchTextOf({ publicName: member.name, headline: member.headline, about: '', skillKeys, freeSkills }),
    synthetic,
    // Rows written in bulk get no column defaults.
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

/**
 * Writes synthetic members (people and profiles) in bulk: the demo's few and the benchmark's thousands. Idempotent
 * on their ids; points are the communes' centres.
 */
export async function insertSyntheticMembers(db: Db, members: (SyntheticMember & { key: string })[], points: Map<string, { lat: number; lon: number }>): Promise<string[]> {
  const located = members.filter((member) => points.has(member.communeCode));
  const ids = located.map((member) => syntheticId(member.key));
  const now = new Date();
  await bulkInsert(
    db,
    user,
    located.map((member, i) => ({ id: ids[i]!, name: member.name, email: `${ids[i]}@synthetique.invalid`, emailVerified: true, preferredLanguage: 'fr' as const, createdAt: now, updatedAt: now })),
    { onConflict: sql`on conflict (id) do nothing` },
  );
  await bulkInsert(
    db,
    communityProfiles,
    located.map((member, i) => profileRow(ids[i]!, member, points.get(member.communeCode)!, true)),
    { onConflict: sql`on conflict (user_id) do nothing` },
  );
  return ids;
}

async function communePoints(db: Db, codes: string[]): Promise<Map<string, { lat: number; lon: number }>> {
  const rows = await queryRows<{ code: string; lat: number; lon: number }>(
    db,
    sql`select code, lat, lon from communes where code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.code, { lat: Number(r.lat), lon: Number(r.lon) }]));
}

async function linkPlaces(db: Db, userId: string, slugs: string[]): Promise<void> {
  if (!slugs.length) return;
  await db.execute(sql`insert into community_profile_places (user_id, place_id)
    select ${userId}, id from places where slug in (select jsonb_array_elements_text(${JSON.stringify(slugs)}::jsonb)) on conflict do nothing`);
}

/**
 * The demo's community: the demo coworker's public profile (kept if they edited it) and the synthetic members
 * around Luzech and Cabriès. A few statements, whatever was there before.
 */
export async function seedDemoCommunity(db: Db, coworker: { id: string; name: string }): Promise<{ members: number }> {
  const codes = [...new Set([COWORKER_PROFILE.communeCode, ...DEMO_MEMBERS.map((msg) => msg.communeCode)])];
  const points = await communePoints(db, codes);
  const ids = await insertSyntheticMembers(db, DEMO_MEMBERS.map((member) => ({ ...member, key: `demo:${member.name}` })), points);
  for (const [i, member] of DEMO_MEMBERS.filter((msg) => points.has(msg.communeCode)).entries()) await linkPlaces(db, ids[i]!, member.places ?? []);
  const home = points.get(COWORKER_PROFILE.communeCode);
  if (home) {
    const member: SyntheticMember = { name: coworker.name, headline: COWORKER_PROFILE.headline, communeCode: COWORKER_PROFILE.communeCode, skills: COWORKER_PROFILE.skills, languages: COWORKER_PROFILE.languages, available: true, visibility: 'public' };
    const inserted = await queryRows(db, sql`select 1 from community_profiles where user_id = ${coworker.id}`);
    if (!inserted.length) {
      await bulkInsert(db, communityProfiles, [profileRow(coworker.id, member, home, false)], { onConflict: sql`on conflict (user_id) do nothing` });
      await linkPlaces(db, coworker.id, COWORKER_PROFILE.places);
    }
  }
  return { members: ids.length };
}

/** Many synthetic members over the given communes, for load tests (fixed seed: the same draw every run). */
export function generatedMembers(seed: number, count: number, communeCodes: string[]): (SyntheticMember & { key: string })[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const skills = [...new Set([pick(SKILL_CODES), pick(SKILL_CODES), pick(SKILL_CODES)])].slice(0, 1 + Math.floor(random() * 3));
    return {
      key: `generated:${seed}:${i}`,
      name: `Membre ${seed}-${i + 1}`,
      headline: 'Profil synthétique',
      communeCode: pick(communeCodes),
      skills,
      languages: ['fr'],
      available: random() < 0.5,
      visibility: random() < 0.7 ? 'public' : 'members',
    };
  });
}
