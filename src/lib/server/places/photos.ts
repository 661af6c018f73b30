import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import sharp, { type OutputInfo } from 'sharp';
import type { Db } from '../db/database.ts';
import { invalid, notFound, type FieldIssue } from '../errors.ts';
// access.ts directly: the accounts index imports the places domain.
import { assertCan, requireUser, type Actor } from '../accounts/index.ts';
import { placeResource } from './editing.ts';
import { invalidFields } from './model.ts';
import { placePhotos, placePhotoVariants, places } from './schema.ts';
import { getPlace } from './service.ts';

// Photos of a place, added, described, ordered and deleted by those who may edit the place (`place.update`).
// Each upload is checked by its content (decoded by libvips through `sharp`, whatever its name or declared
// type), turned upright, and re-encoded as WebP at a few widths with no metadata kept (no EXIF, GPS or
// camera serial). The variants live in the database, so every app process serves them.

export const PHOTO_LIMITS = {
  perPlace: 8,
  /** Largest upload, bytes (10 MiB). */
  maxBytes: 10 * 1024 * 1024,
  altMaxLength: 250,
  /** The widths kept (never enlarged: a smaller photo keeps its own width as its largest). */
  widths: [320, 640, 1280],
  /** Widths a place card may show, and the most each may weigh (the page-weight budget of a card photo). */
  cardWidths: [320, 640],
  cardMaxBytes: 40 * 1024,
  /** Decoded size refused beyond this (a small file can claim a huge canvas). */
  maxPixels: 100_000_000,
} as const;

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
/**
 * Encodings tried in turn until a card variant fits its budget: lower qualities, then (for images that are
 * mostly fine grain, which no quality makes small) a slight blur.
 */
const CARD_ENCODINGS = [
  ...[80, 70, 60, 50, 40, 30].map((quality) => ({ quality, blur: 0 })),
  ...[1, 2, 4].map((blur) => ({ quality: 30, blur })),
];
const LARGE_ENCODING = { quality: 80, blur: 0 };

export interface PhotoVariant {
  width: number;
  height: number;
  /** Immutable: names the bytes by their hash. */
  url: string;
}

export interface PlacePhoto {
  id: string;
  /** 0 first: the photo of the place's card. */
  position: number;
  altFr: string;
  altEn: string;
  /** The largest variant's size. */
  width: number;
  height: number;
  /** Narrowest first. */
  variants: PhotoVariant[];
}

export interface PhotoUpload {
  /** The file's bytes; null or empty: no file chosen. */
  bytes: Uint8Array | null;
  altFr: string;
  altEn?: string;
}

export interface PhotoText {
  altFr: string;
  altEn?: string;
}

export type PhotoMove = 'up' | 'down';

interface EncodedVariant {
  width: number;
  height: number;
  hash: string;
  bytes: Buffer;
}

export const photoUrl = (photoId: string, width: number, hash: string) => `/photos/${photoId}/${width}/${hash}.webp`;

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

/** Control characters (line breaks included) become spaces: an alt text is one line. */
const oneLine = (text: string | undefined) => (text ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();

function altIssues(text: PhotoText): { issues: FieldIssue[]; altFr: string; altEn: string } {
  const altFr = oneLine(text.altFr);
  const altEn = oneLine(text.altEn);
  const issues: FieldIssue[] = [];
  const max = PHOTO_LIMITS.altMaxLength;
  if (altFr === '') issues.push({ path: 'altFr', message: 'place_photo_alt_required' });
  else if (altFr.length > max) issues.push({ path: 'altFr', message: 'place_photo_alt_too_long', params: { max } });
  if (altEn.length > max) issues.push({ path: 'altEn', message: 'place_photo_alt_too_long', params: { max } });
  return { issues, altFr, altEn };
}

/** The widths to keep for an upright image `width` pixels wide. */
export function variantWidths(width: number): number[] {
  const largest = Math.min(width, PHOTO_LIMITS.widths.at(-1)!);
  return [...new Set([...PHOTO_LIMITS.widths.filter((w) => w < largest), largest])];
}

/** The image re-encoded at each width, or null when the bytes are not a JPEG, PNG or WebP image libvips can read. */
export async function encodePhotoVariants(bytes: Uint8Array): Promise<EncodedVariant[] | null> {
  const options = { limitInputPixels: PHOTO_LIMITS.maxPixels, failOn: 'error' } as const;
  let upright: { width: number; height: number };
  try {
    const metadata = await sharp(bytes, options).metadata();
    if (!ACCEPTED_FORMATS.has(metadata.format ?? '')) return null;
    // Orientations 5–8 swap width and height.
    const swapped = (metadata.orientation ?? 1) >= 5;
    upright = swapped ? { width: metadata.height, height: metadata.width } : { width: metadata.width, height: metadata.height };
    if (!upright.width || !upright.height) return null;
  } catch {
    return null;
  }
  const source = sharp(bytes, options).autoOrient();
  const variants: EncodedVariant[] = [];
  try {
    for (const width of variantWidths(upright.width)) {
      const resized = source.clone().resize({ width, withoutEnlargement: true });
      const card = (PHOTO_LIMITS.cardWidths as readonly number[]).includes(width);
      let encoded: { data: Buffer; info: OutputInfo } | null = null;
      for (const { quality, blur } of card ? CARD_ENCODINGS : [LARGE_ENCODING]) {
        const image = blur > 0 ? resized.clone().blur(blur) : resized.clone();
        encoded = await image.webp({ quality }).toBuffer({ resolveWithObject: true });
        if (!card || encoded.data.length <= PHOTO_LIMITS.cardMaxBytes) break;
      }
      variants.push({ width: encoded!.info.width, height: encoded!.info.height, hash: hashOf(encoded!.data), bytes: encoded!.data });
    }
  } catch {
    // Truncated or corrupt data past a valid header.
    return null;
  }
  return variants;
}

function photosOf(rows: { photo: typeof placePhotos.$inferSelect; width: number; height: number; hash: string }[]): PlacePhoto[] {
  const byId = new Map<string, PlacePhoto>();
  for (const { photo, ...variant } of rows) {
    let entry = byId.get(photo.id);
    if (!entry) {
      entry = { id: photo.id, position: photo.position, altFr: photo.altFr, altEn: photo.altEn, width: photo.width, height: photo.height, variants: [] };
      byId.set(photo.id, entry);
    }
    entry.variants.push({ width: variant.width, height: variant.height, url: photoUrl(photo.id, variant.width, variant.hash) });
  }
  return [...byId.values()];
}

const variantColumns = { photo: placePhotos, width: placePhotoVariants.width, height: placePhotoVariants.height, hash: placePhotoVariants.hash };

/** The photos of a place in their order (public: a place's photos are shown to everyone). */
export async function placePhotosOf(db: Db, placeId: string): Promise<PlacePhoto[]> {
  const rows = await db
    .select(variantColumns)
    .from(placePhotos)
    .innerJoin(placePhotoVariants, eq(placePhotoVariants.photoId, placePhotos.id))
    .where(eq(placePhotos.placeId, placeId))
    .orderBy(asc(placePhotos.position), asc(placePhotoVariants.width));
  return photosOf(rows);
}

/** The first photo of each of these places, with only the widths a card may show; places without photos are absent. */
export async function coverPhotos(db: Db, placeIds: readonly string[]): Promise<Map<string, PlacePhoto>> {
  const ids = [...new Set(placeIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ ...variantColumns, placeId: placePhotos.placeId })
    .from(placePhotos)
    .innerJoin(placePhotoVariants, eq(placePhotoVariants.photoId, placePhotos.id))
    .where(
      and(inArray(placePhotos.placeId, ids), eq(placePhotos.position, 0), lte(placePhotoVariants.width, PHOTO_LIMITS.cardWidths.at(-1)!)),
    )
    .orderBy(asc(placePhotoVariants.width));
  const placeOf = new Map(rows.map((row) => [row.photo.id, row.placeId]));
  return new Map(photosOf(rows).map((photo) => [placeOf.get(photo.id)!, photo]));
}

/** Each place of a list (a page of cards) with its first photo, or null. */
export async function withCoverPhotos<T extends { id: string }>(db: Db, items: T[]): Promise<(T & { photo: PlacePhoto | null })[]> {
  const covers = await coverPhotos(db, items.map((item) => item.id));
  return items.map((item) => ({ ...item, photo: covers.get(item.id) ?? null }));
}

/** The place, for someone who may change it; photos change under the same right as the place's fields. */
async function editablePlace(db: Db, actor: Actor, idOrSlug: string) {
  const editor = requireUser(actor);
  const place = await getPlace(db, idOrSlug);
  assertCan(editor, 'place.update', placeResource(place));
  return { editor, place };
}

/** A place's photos for their management page, for those who may change them. */
export async function placePhotosForEditing(db: Db, actor: Actor, idOrSlug: string) {
  const { place } = await editablePlace(db, actor, idOrSlug);
  return { place, photos: await placePhotosOf(db, place.id) };
}

/** Serialises the changes to one place's photos (positions stay 0…n-1, the count stays within the limit). */
async function lockPlace(tx: Db, placeId: string) {
  await tx.select({ id: places.id }).from(places).where(eq(places.id, placeId)).for('update');
}

async function photoCount(tx: Db, placeId: string): Promise<number> {
  const [row] = await tx.select({ count: sql<number>`count(*)::int` }).from(placePhotos).where(eq(placePhotos.placeId, placeId));
  return Number(row?.count ?? 0);
}

const limitIssue = (): FieldIssue => ({ path: 'file', message: 'place_photo_limit', params: { max: PHOTO_LIMITS.perPlace } });

/**
 * Adds a photo at the end of the place's photos. Every problem is reported at once, next to its field,
 * and nothing is saved: no file, a file over 10 MB, content that is not a JPEG, PNG or WebP image, the
 * place already holding 8 photos, a French alt text missing or too long.
 */
export async function addPlacePhoto(db: Db, actor: Actor, idOrSlug: string, upload: PhotoUpload): Promise<PlacePhoto> {
  const { editor, place } = await editablePlace(db, actor, idOrSlug);
  const { issues, altFr, altEn } = altIssues(upload);
  const bytes = upload.bytes;
  let variants: EncodedVariant[] | null = null;
  if (!bytes || bytes.length === 0) issues.unshift({ path: 'file', message: 'place_photo_file_required' });
  else if (bytes.length > PHOTO_LIMITS.maxBytes)
    issues.unshift({ path: 'file', message: 'place_photo_too_large', params: { max: PHOTO_LIMITS.maxBytes / 1024 / 1024 } });
  else if ((await photoCount(db, place.id)) >= PHOTO_LIMITS.perPlace) issues.unshift(limitIssue());
  else {
    variants = await encodePhotoVariants(bytes);
    if (!variants) issues.unshift({ path: 'file', message: 'place_photo_not_image' });
  }
  if (issues.length > 0) throw invalidFields(issues);
  const largest = variants!.at(-1)!;
  const id = await db.transaction(async (tx) => {
    await lockPlace(tx, place.id);
    const position = await photoCount(tx, place.id);
    if (position >= PHOTO_LIMITS.perPlace) throw invalidFields([limitIssue()]);
    const [row] = await tx
      .insert(placePhotos)
      .values({ placeId: place.id, position, altFr, altEn, width: largest.width, height: largest.height, createdBy: editor.userId })
      .returning({ id: placePhotos.id });
    await tx.insert(placePhotoVariants).values(variants!.map((variant) => ({ photoId: row!.id, ...variant })));
    return row!.id;
  });
  return (await placePhotosOf(db, place.id)).find((photo) => photo.id === id)!;
}

async function photoOfPlace(tx: Db, placeId: string, photoId: string) {
  const [row] = /^[0-9a-f-]{36}$/i.test(photoId)
    ? await tx.select().from(placePhotos).where(and(eq(placePhotos.id, photoId), eq(placePhotos.placeId, placeId)))
    : [];
  if (!row) throw notFound('place_photo_not_found');
  return row;
}

/** Changes the alt texts of a photo (French required, English optional). */
export async function updatePlacePhotoText(db: Db, actor: Actor, idOrSlug: string, photoId: string, text: PhotoText): Promise<void> {
  const { place } = await editablePlace(db, actor, idOrSlug);
  await photoOfPlace(db, place.id, photoId);
  const { issues, altFr, altEn } = altIssues(text);
  if (issues.length > 0) throw invalidFields(issues);
  await db.update(placePhotos).set({ altFr, altEn }).where(eq(placePhotos.id, photoId));
}

/** Moves a photo one step earlier or later; at either end it stays where it is. */
export async function movePlacePhoto(db: Db, actor: Actor, idOrSlug: string, photoId: string, move: PhotoMove): Promise<void> {
  const { place } = await editablePlace(db, actor, idOrSlug);
  if (move !== 'up' && move !== 'down') throw invalid('place_photo_move_invalid');
  await db.transaction(async (tx) => {
    await lockPlace(tx, place.id);
    const photo = await photoOfPlace(tx, place.id, photoId);
    const target = photo.position + (move === 'up' ? -1 : 1);
    const [neighbour] = await tx
      .select({ id: placePhotos.id })
      .from(placePhotos)
      .where(and(eq(placePhotos.placeId, place.id), eq(placePhotos.position, target)));
    if (!neighbour) return;
    await tx.update(placePhotos).set({ position: photo.position }).where(eq(placePhotos.id, neighbour.id));
    await tx.update(placePhotos).set({ position: target }).where(eq(placePhotos.id, photo.id));
  });
}

/** Deletes a photo and its variants; the later ones move up. */
export async function deletePlacePhoto(db: Db, actor: Actor, idOrSlug: string, photoId: string): Promise<void> {
  const { place } = await editablePlace(db, actor, idOrSlug);
  await db.transaction(async (tx) => {
    await lockPlace(tx, place.id);
    const photo = await photoOfPlace(tx, place.id, photoId);
    await tx.delete(placePhotos).where(eq(placePhotos.id, photo.id));
    await tx
      .update(placePhotos)
      .set({ position: sql`${placePhotos.position} - 1` })
      .where(and(eq(placePhotos.placeId, place.id), gt(placePhotos.position, photo.position)));
  });
}

/** The bytes of one variant, when its URL names them (id, width and hash); anything else: null. */
export async function photoVariantBytes(db: Db, photoId: string, width: number, hash: string): Promise<Buffer | null> {
  if (!/^[0-9a-f-]{36}$/i.test(photoId) || !Number.isInteger(width) || width <= 0 || width > 100_000) return null;
  const [row] = await db
    .select({ bytes: placePhotoVariants.bytes })
    .from(placePhotoVariants)
    .where(and(eq(placePhotoVariants.photoId, photoId), eq(placePhotoVariants.width, width), eq(placePhotoVariants.hash, hash)));
  return row?.bytes ?? null;
}
