import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { cameraJpeg, DEMO_ACCOUNTS, expectProblem, fr, msg, signIn } from './support';

// The demo council runs the Vallée du Lot project place (`demo seed`).
const SLUG = 'coworking-vallee-du-lot-et-du-vignoble';
const PLACE = `/lieux/${SLUG}`;
const PHOTOS = `${PLACE}/photos`;

/** A label of this run, so that the runs with and without JavaScript tell their photos apart. */
const unique = (what: string) => `${what} ${Math.floor(Math.random() * 1e6)}`;

async function addPhoto(page: Page, file: { name: string; mimeType: string; buffer: Buffer } | null, altFr: string) {
  await page.goto(PHOTOS);
  // The add form's fields (each photo already there has its own description fields).
  const form = page.locator('form[action="?/add"]');
  if (file) await form.getByLabel(fr.place_photos_file_label, { exact: true }).setInputFiles(file);
  await form.getByLabel(fr.place_photos_alt_fr_label, { exact: true }).fill(altFr);
  await page.getByRole('button', { name: fr.place_photos_add_submit }).click();
}

test.describe('photos of a place', () => {
  test('the team of the place adds a photo; the place page shows it, on a wide screen and a phone @nojs', async ({ page }) => {
    const alt = unique('Salle de travail lumineuse');
    await signIn(page, DEMO_ACCOUNTS.council.email);
    await page.goto(PLACE);
    await page.getByRole('link', { name: fr.place_photos_link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Vallée du Lot');
    await addPhoto(page, { name: 'salle.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg() }, alt);
    await expect(page).toHaveURL(new RegExp(`${PHOTOS}\\?ajoutee`));
    await expect(page.getByRole('status')).toHaveText(fr.place_photos_added);

    for (const width of [1366, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(PLACE);
      const photo = page.getByRole('img', { name: alt }).first();
      await photo.scrollIntoViewIfNeeded();
      await expect(photo).toBeVisible();
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      expect(await photo.getAttribute('width')).toBeTruthy();
      expect(await photo.getAttribute('srcset')).toMatch(/ 320w, .* 640w, .* 1200w$/);
      const box = (await photo.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `tmp/photos-place-${width}.png`, fullPage: false });
    }

    // The served variant: WebP, no metadata, immutable.
    const src = (await page.getByRole('img', { name: alt }).first().getAttribute('src'))!;
    const response = await page.request.get(src);
    expect(response.headers()['content-type']).toBe('image/webp');
    expect(response.headers()['cache-control']).toContain('immutable');
    const etag = response.headers()['etag']!;
    expect((await page.request.get(src, { headers: { 'if-none-match': etag } })).status()).toBe(304);
    expect((await sharp(await response.body()).metadata()).exif).toBeUndefined();

    // Deleted again, so the demo place is as it was.
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(PHOTOS);
    const item = page.locator('.photos > li', { has: page.getByRole('img', { name: alt }) });
    await item.getByRole('button', { name: fr.place_photos_delete }).click();
    await expect(page.getByRole('status')).toHaveText(fr.place_photos_deleted);
    await expect(page.getByRole('img', { name: alt })).toHaveCount(0);
  });

  test('a text file named .jpg and a missing alt text are refused next to their fields, nothing added @nojs', async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.council.email);
    const fake = unique('Faux');
    await addPhoto(page, { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Ceci est du texte, pas une photo.') }, fake);
    await expect(page.locator('#photo-file-error')).toHaveText(fr.error_place_photo_not_image);
    await expect(page.locator('#photo-file')).toHaveAttribute('aria-invalid', 'true');

    await addPhoto(page, { name: 'salle.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg() }, '');
    await expect(page.locator('#photo-alt-fr-error')).toHaveText(fr.error_place_photo_alt_required);
    await expect(page.locator('#photo-file-error')).toHaveCount(0);

    await page.goto(PHOTOS);
    await expect(page.getByRole('img', { name: fake })).toHaveCount(0);
    await expect(page.locator('.photos input[name="altFr"][value=""]')).toHaveCount(0);
  });

  test('a file over the upload limit, sent without JavaScript, shows the photos page again with the refusal beside the file, nothing added @nojs', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, DEMO_ACCOUNTS.council.email);
    const heavy = unique('Lourde');
    await page.goto(PHOTOS);
    const form = page.locator('form[action="?/add"]');
    await form.getByLabel(fr.place_photos_file_label, { exact: true }).setInputFiles({ name: 'grande.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(12 * 1024 * 1024, 0xff) });
    await form.getByLabel(fr.place_photos_alt_fr_label, { exact: true }).fill(heavy);
    const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: fr.place_photos_add_submit }).click()]);
    expect(response?.status()).toBe(413);
    await expect(page.locator('#photo-file-error'), 'beside the file field').toHaveText(msg(fr, 'error_body_too_large', { max: 11 }));
    await expect(page.locator('#photo-file')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.error-message[role="alert"]'), 'said once').toHaveCount(0);
    await page.goto(PHOTOS);
    await expect(page.locator(`.photos input[name="altFr"][value="${heavy}"]`)).toHaveCount(0);
    await context.close();
  });

  test('the API takes the image itself, refuses other types and a text posing as a JPEG, and lists photos with the place', async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.council.email);
    const url = `/api/v1/places/${SLUG}/photos?altFr=${encodeURIComponent(unique('Entrée'))}`;
    const text = await page.request.post(url, { headers: { 'content-type': 'image/jpeg', origin: new URL(page.url()).origin }, data: Buffer.from('texte') });
    expect((await expectProblem(text, 400)).code).toBe('place_photo_not_image');
    const form = await page.request.post(url, { headers: { 'content-type': 'text/plain', origin: new URL(page.url()).origin }, data: 'x' });
    expect((await expectProblem(form, 415)).detail).toBe(fr.error_place_photo_type_required);

    const created = await page.request.post(url, { headers: { 'content-type': 'image/jpeg' }, data: await cameraJpeg() });
    expect(created.status()).toBe(201);
    const photo = (await created.json()) as { id: string; variants: { width: number }[] };
    expect(photo.variants.map((v) => v.width)).toEqual([320, 640, 1200]);
    const place = (await (await page.request.get(`/api/v1/places/${SLUG}`)).json()) as { photos: { id: string }[] };
    expect(place.photos.map((p) => p.id)).toContain(photo.id);
    expect((await page.request.delete(`/api/v1/places/${SLUG}/photos/${photo.id}`)).status()).toBe(204);
    expect((await expectProblem(await page.request.delete(`/api/v1/places/${SLUG}/photos/${photo.id}`), 404)).detail).toBe(
      msg(fr, 'error_place_photo_not_found'),
    );
  });
});
