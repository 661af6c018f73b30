import { expect, test } from '@playwright/test';

// A person on a slow connection starts typing as soon as the form shows, before the page's script has run:
// when it runs, what they typed stays (the fields' values are theirs; the page sets only the defaults).
test('what a person types before the page’s script has run is kept when it runs', async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/connexion', { waitUntil: 'domcontentloaded' });
  await page.locator('#field-email').fill('early@example.org');
  await page.locator('#field-password').fill('typed-before-the-script');
  release();
  await page.waitForLoadState('networkidle');
  // The script has run: the page is the app's (its enhanced form answers without a reload).
  await expect.poll(() => page.evaluate(() => Object.keys(window).some((key) => key.startsWith('__sveltekit_')))).toBe(true);
  await expect(page.locator('#field-email')).toHaveValue('early@example.org');
  await expect(page.locator('#field-password')).toHaveValue('typed-before-the-script');
});
