import { sql, type SQL } from 'drizzle-orm';
import { assertCan, requireUser, type Actor } from '../accounts/index.ts';
import { queryRows, type Db } from '../db/database.ts';
import { invalid, notFound, parse } from '../errors.ts';
import { greatCircleMeters, inEarthBox, nearestFirst, roundedKm } from '../geo/index.ts';
import { findCommune, resolveLocation } from '../territory/index.ts';
import { nowOf, type CommunityContext } from './context.ts';
import { DEFAULT_PROFILE_RADIUS_KM, PROFILE_PAGE_SIZE, ProfileInput, ProfileSearchQuery } from './contracts.ts';
import { hasContactDetails, normaliseSkills, queryWords, searchTextOf, skillLabels, visibleLevels, visibleTo } from './model.ts';
import type { Visibility } from './vocabulary.ts';

export interface ProfilePlace {
  id: string;
  slug: string;
  name: string;
}

/** A profile as shown: the commune only, never an address, an e-mail or a phone number. */
export interface ProfileView {
  id: string;
  publicName: string;
  headline: string;
  about: string;
  visibility: Visibility;
  skills: { key: string; label: string; curated: boolean }[];
  languages: string[];
  commune: { code: string; name: string } | null;
  distanceKm: number | null;
  places: ProfilePlace[];
  links: string[];
  availableForMissions: boolean;
  synthetic: boolean;
}

interface ProfileRow {
  user_id: string;
  public_name: string;
  headline: string;
  about: string;
  visibility: Visibility;
  skill_keys: string[];
  free_skills: string[];
  languages: string[];
  commune_code: string | null;
  commune_name: string | null;
  links: string[];
  available_for_missions: boolean;
  synthetic: boolean;
  distance_km?: string | number | null;
  total?: number;
}

const PROFILE_COLUMNS = sql`p.user_id, p.public_name, p.headline, p.about, p.visibility, p.skill_keys, p.free_skills, p.languages,
  p.commune_code, c.name as commune_name, p.links, p.available_for_missions, p.synthetic, p.updated_at`;

/** Text arrays come back as arrays from both drivers; an empty one may come back as a literal. */
const textArray = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : typeof value === 'string' && value !== '{}' ? value.slice(1, -1).split(',') : []);

function viewOf(row: ProfileRow, places: ProfilePlace[], locale: 'fr' | 'en'): ProfileView {
  return {
    id: row.user_id,
    publicName: row.public_name,
    headline: row.headline,
    about: row.about,
    visibility: row.visibility,
    skills: skillLabels(textArray(row.skill_keys), textArray(row.free_skills), locale),
    languages: textArray(row.languages),
    commune: row.commune_code ? { code: row.commune_code, name: row.commune_name ?? row.commune_code } : null,
    distanceKm: row.distance_km === undefined || row.distance_km === null ? null : Number(row.distance_km),
    places,
    links: textArray(row.links),
    availableForMissions: row.available_for_missions,
    synthetic: row.synthetic,
  };
}

/** The places a member says they use, by name. */
function placesOf(db: Db, userId: string): Promise<ProfilePlace[]> {
  return queryRows<ProfilePlace>(
    db,
    sql`select pl.id, pl.slug, pl.name from community_profile_places pp join places pl on pl.id = pp.place_id where pp.user_id = ${userId} order by pl.name`,
  );
}

async function profileRow(db: Db, userId: string): Promise<ProfileRow | null> {
  const [row] = await queryRows<ProfileRow>(
    db,
    sql`select ${PROFILE_COLUMNS} from community_profiles p left join communes c on c.code = p.commune_code where p.user_id = ${userId}`,
  );
  return row ?? null;
}

/**
 * One profile for whoever asks: public ones for all, members' ones for anyone signed in, a private one for its
 * owner only. Anything else is "not found", so a private profile cannot be told from no profile.
 */
export async function readProfile(ctx: CommunityContext, userId: string, locale: 'fr' | 'en' = 'fr'): Promise<ProfileView> {
  const row = await profileRow(ctx.db, userId);
  if (!row || !visibleTo(ctx.actor, { userId: row.user_id, visibility: row.visibility })) throw notFound('community_profile_not_found');
  return viewOf(row, await placesOf(ctx.db, row.user_id), locale);
}

/** The signed-in person's own profile, or null before they write one. */
export async function myProfile(ctx: CommunityContext, locale: 'fr' | 'en' = 'fr'): Promise<ProfileView | null> {
  const actor = requireUser(ctx.actor);
  const row = await profileRow(ctx.db, actor.userId);
  return row ? viewOf(row, await placesOf(ctx.db, row.user_id), locale) : null;
}

/**
 * Writes the signed-in person's profile (creates it the first time). Skills are normalised (one key per skill
 * whatever its spelling); the commune is checked and its centre copied for distance searches; places must exist.
 */
export async function saveProfile(ctx: CommunityContext, input: unknown): Promise<ProfileView> {
  const actor = requireUser(ctx.actor);
  const profile = parse(ProfileInput, input);
  assertCan(actor, 'community.update-profile', { type: 'community-profile', userId: actor.userId, visibility: profile.visibility });
  const shown = { publicName: profile.publicName, headline: profile.headline, about: profile.about, freeSkills: profile.freeSkills.join(' ') };
  const leaking = Object.entries(shown).filter(([, text]) => hasContactDetails(text));
  if (leaking.length) throw invalid('invalid_input', { count: leaking.length }, leaking.map(([path]) => ({ path, message: 'community_contact_details' })));
  const { skillKeys, freeSkills } = normaliseSkills(profile.skills, profile.freeSkills);
  const commune = profile.communeCode ? await findCommune(ctx.db, profile.communeCode) : null;
  if (profile.communeCode && !commune)
    throw invalid('location_commune_unknown', { code: profile.communeCode }, [{ path: 'communeCode', message: 'location_commune_unknown', params: { code: profile.communeCode } }]);
  const placeIds = [...new Set(profile.placeIds)];
  if (placeIds.length) {
    const [found] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from places where id in (select jsonb_array_elements_text(${JSON.stringify(placeIds)}::jsonb)::uuid)`);
    if (Number(found?.n) !== placeIds.length) throw invalid('invalid_input', { count: 1 }, [{ path: 'placeIds', message: 'community_place_invalid' }]);
  }
  const searchText = searchTextOf({ ...profile, skillKeys, freeSkills });
  const at = nowOf(ctx).toISOString();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into community_profiles (user_id, public_name, headline, about, visibility, skill_keys, free_skills, languages,
        commune_code, lat, lon, links, available_for_missions, search_text, created_at, updated_at)
      values (${actor.userId}, ${profile.publicName}, ${profile.headline}, ${profile.about}, ${profile.visibility},
        ${pgArray(skillKeys)}, ${pgArray(freeSkills)}, ${pgArray(profile.languages)}, ${commune?.code ?? null},
        ${commune?.lat ?? null}::float8, ${commune?.lon ?? null}::float8, ${pgArray(profile.links)}, ${profile.availableForMissions},
        ${searchText}, ${at}::timestamptz, ${at}::timestamptz)
      on conflict (user_id) do update set public_name = excluded.public_name, headline = excluded.headline, about = excluded.about,
        visibility = excluded.visibility, skill_keys = excluded.skill_keys, free_skills = excluded.free_skills,
        languages = excluded.languages, commune_code = excluded.commune_code, lat = excluded.lat, lon = excluded.lon,
        links = excluded.links, available_for_missions = excluded.available_for_missions, search_text = excluded.search_text,
        updated_at = excluded.updated_at`);
    await tx.execute(sql`delete from community_profile_places where user_id = ${actor.userId}`);
    if (placeIds.length)
      await tx.execute(sql`insert into community_profile_places (user_id, place_id)
        select ${actor.userId}, value::uuid from jsonb_array_elements_text(${JSON.stringify(placeIds)}::jsonb)`);
  });
  return (await myProfile(ctx))!;
}

/** A text array parameter, the same on both drivers (JSON in, array out). */
const pgArray = (values: readonly string[]): SQL => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::text[]`;

/** Removes the signed-in person's profile (their conversations stay, for the other side). */
export async function deleteProfile(ctx: CommunityContext): Promise<void> {
  const actor = requireUser(ctx.actor);
  assertCan(actor, 'community.update-profile', { type: 'community-profile', userId: actor.userId, visibility: 'private' });
  await ctx.db.execute(sql`delete from community_profiles where user_id = ${actor.userId}`);
}

export interface ProfileSearchResult {
  items: ProfileView[];
  total: number;
  page: number;
  pageSize: number;
  /** The commune the search started from, when `near` named one. */
  near: { code: string; name: string } | null;
  radiusKm: number | null;
}

/** The SQL of a search: visible profiles, filters, nearest first when a point is given. */
function searchConditions(actor: Actor, search: ProfileSearchQuery, point: { lat: number; lon: number } | null, radiusKm: number): SQL[] {
  const levels = sql.join(visibleLevels(actor).map((level) => sql`${level}`), sql`, `);
  // Their own profile too, whatever its level: a member checks how it shows.
  const conditions: SQL[] = [actor.kind === 'user' ? sql`(p.visibility in (${levels}) or p.user_id = ${actor.userId})` : sql`p.visibility in (${levels})`];
  if (search.skill) conditions.push(sql`p.skill_keys @> array[${search.skill}]::text[]`);
  for (const word of queryWords(search.q ?? '')) conditions.push(sql`p.search_text like ${`% ${word}%`}`);
  if (point) {
    conditions.push(inEarthBox(point, radiusKm, sql`p.lat`, sql`p.lon`));
    conditions.push(sql`${greatCircleMeters(point, sql`p.lat`, sql`p.lon`)} <= ${radiusKm * 1000}::float8`);
  }
  if (search.place) conditions.push(sql`exists (select 1 from community_profile_places pp where pp.user_id = p.user_id and pp.place_id = ${search.place}::uuid)`);
  if (search.available) conditions.push(sql`p.available_for_missions`);
  return conditions;
}

/**
 * The skills directory: by skill, words and distance from a commune or a point (nearest first, within the
 * radius), by place and availability. Public profiles for everyone; members' profiles for people signed in.
 */
export async function searchProfiles(ctx: CommunityContext, query: unknown, locale: 'fr' | 'en' = 'fr'): Promise<ProfileSearchResult> {
  const search = parse(ProfileSearchQuery, query);
  const location = search.near ? await resolveLocation(ctx.db, search.near, 'near') : null;
  const radiusKm = search.radiusKm ?? DEFAULT_PROFILE_RADIUS_KM;
  const page = search.page ?? 1;
  const where = sql.join(searchConditions(ctx.actor, search, location, radiusKm), sql` and `);
  const distance = location ? sql`${roundedKm(greatCircleMeters(location, sql`p.lat`, sql`p.lon`))}` : sql`null`;
  const order = location ? sql`${nearestFirst(location, sql`p.lat`, sql`p.lon`)}, p.user_id` : sql`p.available_for_missions desc, p.updated_at desc, p.user_id`;
  // The page's places in the same statement, read for the page's rows only (one round trip less a search).
  const rows = await queryRows<ProfileRow & { places: ProfilePlace[] | string }>(
    ctx.db,
    sql`select found.*, (select coalesce(json_agg(json_build_object('id', pl.id, 'slug', pl.slug, 'name', pl.name) order by pl.name), '[]'::json)
          from community_profile_places pp join places pl on pl.id = pp.place_id where pp.user_id = found.user_id) as places
        from (select ${PROFILE_COLUMNS}, ${distance} as distance_km, count(*) over ()::int as total
          from community_profiles p left join communes c on c.code = p.commune_code
          where ${where} order by ${order} limit ${PROFILE_PAGE_SIZE} offset ${(page - 1) * PROFILE_PAGE_SIZE}) found
        order by found.distance_km nulls last, found.available_for_missions desc, found.updated_at desc, found.user_id`,
  );
  return {
    items: rows.map((row) => viewOf(row, typeof row.places === 'string' ? (JSON.parse(row.places) as ProfilePlace[]) : row.places, locale)),
    total: rows.length ? Number(rows[0]!.total) : 0,
    page,
    pageSize: PROFILE_PAGE_SIZE,
    near: location?.commune ? { code: location.commune.code, name: location.commune.name } : null,
    radiusKm: location ? radiusKm : null,
  };
}

/** The places members say they use, for the directory's place filter (only places some visible profile names). */
export async function directoryPlaces(ctx: CommunityContext): Promise<ProfilePlace[]> {
  const visible = sql`p.visibility in (${sql.join(visibleLevels(ctx.actor).map((level) => sql`${level}`), sql`, `)})`;
  return queryRows<ProfilePlace>(
    ctx.db,
    sql`select pl.id, pl.slug, pl.name from places pl where exists (select 1 from community_profile_places pp
          join community_profiles p on p.user_id = pp.user_id where pp.place_id = pl.id and ${visible})
        order by pl.sort_name, pl.id limit 200`,
  );
}

/** Places a member may say they use: those they chose, then the nearest to their commune (the form's choices). */
export async function placeChoices(ctx: CommunityContext, extraIds: string[] = []): Promise<ProfilePlace[]> {
  const actor = requireUser(ctx.actor);
  const [home] = await queryRows<{ lat: number | null; lon: number | null }>(
    ctx.db,
    sql`select coalesce(p.lat, c.lat) as lat, coalesce(p.lon, c.lon) as lon from "user" u
        left join community_profiles p on p.user_id = u.id left join communes c on c.code = u.home_commune_code where u.id = ${actor.userId}`,
  );
  const chosen = sql`(select place_id from community_profile_places where user_id = ${actor.userId}
    union select value::uuid from jsonb_array_elements_text(${JSON.stringify(extraIds)}::jsonb))`;
  const near =
    home?.lat != null && home.lon != null
      ? sql`union all (select pl.id, pl.slug, pl.name, 1 as rank from places pl where not pl.synthetic and pl.id not in ${chosen}
          order by ${nearestFirst({ lat: Number(home.lat), lon: Number(home.lon) }, sql`pl.lat`, sql`pl.lon`)} limit 12)`
      : sql``;
  return queryRows<ProfilePlace>(
    ctx.db,
    sql`select id, slug, name from ((select pl.id, pl.slug, pl.name, 0 as rank from places pl where pl.id in ${chosen}) ${near}) x order by rank, name`,
  );
}
