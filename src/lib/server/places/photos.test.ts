import { eq, sql } from 'drizzle-orm';
import sharp, { type Create } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { refreshed, signedUpPerson, testAccounts, type SignedIn } from '../../../../tests/factories/accounts.ts';
import { ANONYMOUS, type Accounts } from '../accounts/index.ts';
import { createOrganization } from '../accounts/organizations.ts';
import { queryRows, type Database } from '../db/index.ts';
import { createPlaceAs } from './editing.ts';
import {
  addPlacePhoto,
  coverPhotos,
  deletePlacePhoto,
  movePlacePhoto,
  PHOTO_LIMITS,
  photoVariantBytes,
  placePhotosOf,
  updatePlacePhotoText,
  variantWidths,
} from './photos.ts';
import { places } from './schema.ts';
import type { Place } from './service.ts';

let database: Database;
let accounts: Accounts;
const db = () => database.db;
let owner: SignedIn;
let stranger: SignedIn;
let place: Place;

/** A JPEG `width`×`height`, noisy (hard to compress) or flat, carrying EXIF data a visitor must not get. */
function jpeg(width: number, height: number, options: { noisy?: boolean; orientation?: number } = {}): Promise<Buffer> {
  const create: Create = { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } };
  if (options.noisy) create.noise = { type: 'gaussian', mean: 128, sigma: 60 };
  return sharp({ create })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'Appareil', Model: 'Numéro de série 123456', Copyright: 'Secret' } })
    .withMetadata({ orientation: options.orientation ?? 1 })
    .toBuffer();
}

let placeCounter = 0;
async function newPlace(): Promise<Place> {
  const organization = await createOrganization(owner.ctx, { name: `Tiers-lieu ${++placeCounter}`, kind: 'operator' });
  owner = await refreshed(accounts, owner);
  return createPlaceAs(db(), owner.ctx.actor, {
    name: `La Grange ${placeCounter}`,
    kind: 'tiers-lieu',
    communeCode: '46182',
    operatorOrganizationId: organization.id,
  });
}

async function storedCounts(placeId: string) {
  const [row] = await queryRows<{ photos: number; variants: number }>(
    db(),
    sql`select (select count(*) from place_photos where place_id = ${placeId})::int as photos,
               (select count(*) from place_photo_variants v join place_photos p on p.id = v.photo_id where p.place_id = ${placeId})::int as variants`,
  );
  return row!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  accounts = await testAccounts(database);
  owner = await signedUpPerson(accounts);
  stranger = await signedUpPerson(accounts);
  place = await newPlace();
});
afterAll(() => database?.close());

describe('adding a photo', () => {
  it('keeps WebP variants at 320, 640 and 1280 px, upright, with no metadata, and lists them in order', async () => {
    // 1600×1000 stored sideways (EXIF orientation 6): upright it is 1000 wide, 1600 high.
    const photo = await addPlacePhoto(db(), owner.ctx.actor, place.slug, {
      bytes: await jpeg(1600, 1000, { orientation: 6 }),
      altFr: '  Salle de travail\navec six bureaux ',
      altEn: 'Work room',
    });
    expect(photo).toMatchObject({ position: 0, altFr: 'Salle de travail avec six bureaux', altEn: 'Work room', width: 1000, height: 1600 });
    expect(photo.variants.map((v) => [v.width, v.height])).toEqual([
      [320, 512],
      [640, 1024],
      [1000, 1600],
    ]);
    for (const variant of photo.variants) {
      const [, id, width, hash] = /^\/photos\/([0-9a-f-]{36})\/(\d+)\/([0-9a-f]{32})\.webp$/.exec(variant.url)!;
      const bytes = await photoVariantBytes(db(), id!, Number(width), hash!);
      const metadata = await sharp(bytes!).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width: variant.width, height: variant.height });
      expect(metadata.exif).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
    }
    expect(await placePhotosOf(db(), place.id)).toEqual([photo]);
  });

  it('never enlarges a small photo', () => {
    expect(variantWidths(200)).toEqual([200]);
    expect(variantWidths(320)).toEqual([320]);
    expect(variantWidths(900)).toEqual([320, 640, 900]);
    expect(variantWidths(4000)).toEqual([320, 640, 1280]);
  });

  it('keeps every card variant within 40 KB, even for a photo that compresses badly', async () => {
    const other = await newPlace();
    const photo = await addPlacePhoto(db(), owner.ctx.actor, other.id, { bytes: await jpeg(700, 500, { noisy: true }), altFr: 'Du bruit' });
    for (const variant of photo.variants.filter((v) => v.width <= 640)) {
      const [, , width, hash] = /^\/photos\/([0-9a-f-]{36})\/(\d+)\/([0-9a-f]{32})\.webp$/.exec(variant.url)!;
      const bytes = await photoVariantBytes(db(), photo.id, Number(width), hash!);
      expect(bytes!.length).toBeLessThanOrEqual(PHOTO_LIMITS.cardMaxBytes);
    }
  });

  it('refuses a text file named like a photo, a file over 10 MB and a missing alt text, next to their fields, saving nothing', async () => {
    const before = await storedCounts(place.id);
    const text = await domainRejection(
      addPlacePhoto(db(), owner.ctx.actor, place.id, { bytes: new TextEncoder().encode('pas une image, juste du texte'), altFr: 'Faux' }),
    );
    expect(text).toMatchObject({ kind: 'invalid', code: 'place_photo_not_image', issues: [{ path: 'file', message: 'place_photo_not_image' }] });
    // A real JPEG header followed by garbage: not readable either.
    const truncated = (await jpeg(800, 600, { noisy: true })).subarray(0, 2000);
    expect((await domainRejection(addPlacePhoto(db(), owner.ctx.actor, place.id, { bytes: truncated, altFr: 'Coupée' }))).code).toBe('place_photo_not_image');
    const big = await domainRejection(
      addPlacePhoto(db(), owner.ctx.actor, place.id, { bytes: new Uint8Array(PHOTO_LIMITS.maxBytes + 1), altFr: 'Trop lourde' }),
    );
    expect(big).toMatchObject({ code: 'place_photo_too_large', params: { max: 10 } });
    const both = await domainRejection(addPlacePhoto(db(), owner.ctx.actor, place.id, { bytes: null, altFr: ' \n ' }));
    expect(both.issues.map((issue) => [issue.path, issue.message])).toEqual([
      ['file', 'place_photo_file_required'],
      ['altFr', 'place_photo_alt_required'],
    ]);
    const noAlt = await domainRejection(addPlacePhoto(db(), owner.ctx.actor, place.id, { bytes: await jpeg(400, 300), altFr: '' }));
    expect(noAlt).toMatchObject({ code: 'place_photo_alt_required', issues: [{ path: 'altFr' }] });
    const longAlt = await domainRejection(addPlacePhoto(db(), owner.ctx.actor, place.id, { bytes: await jpeg(400, 300), altFr: 'x'.repeat(251) }));
    expect(longAlt).toMatchObject({ code: 'place_photo_alt_too_long', params: { max: 250 } });
    expect(await storedCounts(place.id)).toEqual(before);
  });

  it('is for those who may edit the place: nobody signed in 401, someone else 403', async () => {
    const bytes = await jpeg(400, 300);
    expect(await domainRejection(addPlacePhoto(db(), ANONYMOUS, place.id, { bytes, altFr: 'x' }))).toMatchObject({ kind: 'unauthenticated' });
    expect(await domainRejection(addPlacePhoto(db(), stranger.ctx.actor, place.id, { bytes, altFr: 'x' }))).toMatchObject({ kind: 'forbidden' });
    const [photo] = await placePhotosOf(db(), place.id);
    expect(await domainRejection(deletePlacePhoto(db(), stranger.ctx.actor, place.id, photo!.id))).toMatchObject({ kind: 'forbidden' });
    expect(await domainRejection(movePlacePhoto(db(), stranger.ctx.actor, place.id, photo!.id, 'down'))).toMatchObject({ kind: 'forbidden' });
    expect(await domainRejection(updatePlacePhotoText(db(), stranger.ctx.actor, place.id, photo!.id, { altFr: 'x' }))).toMatchObject({
      kind: 'forbidden',
    });
  });

  it(`takes ${PHOTO_LIMITS.perPlace} photos per place, then refuses the next one, also when they arrive together`, async () => {
    const full = await newPlace();
    const bytes = await jpeg(400, 300);
    const results = await Promise.allSettled(
      Array.from({ length: PHOTO_LIMITS.perPlace + 2 }, (_, i) => addPlacePhoto(db(), owner.ctx.actor, full.id, { bytes, altFr: `Photo ${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(PHOTO_LIMITS.perPlace);
    for (const refused of results.filter((r) => r.status === 'rejected')) expect(refused.reason).toMatchObject({ code: 'place_photo_limit' });
    const photos = await placePhotosOf(db(), full.id);
    expect(photos.map((p) => p.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('ordering, describing and deleting', () => {
  it('moves a photo one step, changes its alt texts, and closes the gap when one is deleted', async () => {
    const other = await newPlace();
    const add = async (altFr: string) => addPlacePhoto(db(), owner.ctx.actor, other.slug, { bytes: await jpeg(400, 300), altFr });
    const a = await add('A');
    const b = await add('B');
    const c = await add('C');
    const order = async () => (await placePhotosOf(db(), other.id)).map((p) => p.altFr);

    await movePlacePhoto(db(), owner.ctx.actor, other.id, c.id, 'up');
    expect(await order()).toEqual(['A', 'C', 'B']);
    await movePlacePhoto(db(), owner.ctx.actor, other.id, a.id, 'up'); // already first
    expect(await order()).toEqual(['A', 'C', 'B']);
    await movePlacePhoto(db(), owner.ctx.actor, other.id, a.id, 'down');
    expect(await order()).toEqual(['C', 'A', 'B']);

    await updatePlacePhotoText(db(), owner.ctx.actor, other.id, b.id, { altFr: 'Bureaux', altEn: 'Desks' });
    const refused = await domainRejection(updatePlacePhotoText(db(), owner.ctx.actor, other.id, b.id, { altFr: '', altEn: 'Desks' }));
    expect(refused.code).toBe('place_photo_alt_required');
    expect((await placePhotosOf(db(), other.id)).find((p) => p.id === b.id)).toMatchObject({ altFr: 'Bureaux', altEn: 'Desks' });

    await deletePlacePhoto(db(), owner.ctx.actor, other.id, c.id);
    const left = await placePhotosOf(db(), other.id);
    expect(left.map((p) => [p.altFr, p.position])).toEqual([
      ['A', 0],
      ['Bureaux', 1],
    ]);
    expect((await storedCounts(other.id)).variants).toBe(4);
    // A photo of another place, or one already deleted, is not found through this place.
    expect((await domainRejection(deletePlacePhoto(db(), owner.ctx.actor, other.id, c.id))).code).toBe('place_photo_not_found');
    const [elsewhere] = await placePhotosOf(db(), place.id);
    expect((await domainRejection(movePlacePhoto(db(), owner.ctx.actor, other.id, elsewhere!.id, 'up'))).code).toBe('place_photo_not_found');
    expect((await domainRejection(deletePlacePhoto(db(), owner.ctx.actor, other.id, 'not-an-id'))).code).toBe('place_photo_not_found');
  });
});

describe('reading photos', () => {
  it('gives each place its first photo for the cards, with the card widths only', async () => {
    const covers = await coverPhotos(db(), [place.id, '00000000-0000-4000-8000-000000000000']);
    expect([...covers.keys()]).toEqual([place.id]);
    expect(covers.get(place.id)!.variants.map((v) => v.width)).toEqual([320, 640]);
  });

  it('serves a variant only under its own hash', async () => {
    const [photo] = await placePhotosOf(db(), place.id);
    const [, , width, hash] = /^\/photos\/([0-9a-f-]{36})\/(\d+)\/([0-9a-f]{32})\.webp$/.exec(photo!.variants[0]!.url)!;
    expect(await photoVariantBytes(db(), photo!.id, Number(width), hash!)).not.toBeNull();
    expect(await photoVariantBytes(db(), photo!.id, Number(width), '0'.repeat(32))).toBeNull();
    expect(await photoVariantBytes(db(), photo!.id, 999, hash!)).toBeNull();
    expect(await photoVariantBytes(db(), 'nope', Number(width), hash!)).toBeNull();
  });

  it('deletes the photos with their place', async () => {
    const gone = await newPlace();
    const photo = await addPlacePhoto(db(), owner.ctx.actor, gone.id, { bytes: await jpeg(400, 300), altFr: 'Bientôt partie' });
    expect(await storedCounts(gone.id)).toEqual({ photos: 1, variants: 2 });
    await db().delete(places).where(eq(places.id, gone.id));
    const [left] = await queryRows<{ count: number }>(db(), sql`select count(*)::int as count from place_photo_variants where photo_id = ${photo.id}`);
    expect(left!.count).toBe(0);
    expect((await storedCounts(gone.id)).photos).toBe(0);
  });
});
