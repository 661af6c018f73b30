import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import { expect, type APIResponse, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/lib/server/accounts/demo-accounts';

/** Shared data for the e2e suite: the message catalogues and the reference data the app loads. */
const root = new URL('../../', import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as T;

/** A message catalogue; typed from the French one, which every locale must match. */
export type Catalogue = Omit<typeof import('../../messages/fr.json'), '$schema'>;
export const fr = readJson<Catalogue>('messages/fr.json');
export const en = readJson<Catalogue>('messages/en.json');
export const catalogues = { fr, en } as const;

/** A catalogue message with its `{params}` filled, as the app renders it. */
export function msg(catalogue: Catalogue, key: string, params: Record<string, string | number> = {}): string {
  const text = (catalogue as unknown as Record<string, string | undefined>)[key];
  if (text === undefined) throw new Error(`no message ${key}`);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The communes of @etalab/decoupage-administratif, the source the app loads on first start. */
export interface PackageCommune {
  code: string;
  nom: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
  departement: string;
}
let communesCache: PackageCommune[] | undefined;
export function packageCommunes(): PackageCommune[] {
  communesCache ??= readJson<PackageCommune[]>('node_modules/@etalab/decoupage-administratif/data/communes.json').filter(
    (commune) => commune.type === 'commune-actuelle',
  );
  return communesCache;
}
export const communesOfPostalCode = (postalCode: string) =>
  packageCommunes().filter((commune) => commune.codesPostaux?.includes(postalCode));
export const packageCommune = (code: string) => {
  const commune = packageCommunes().find((c) => c.code === code);
  if (!commune) throw new Error(`commune ${code} missing from the package`);
  return commune;
};

export const LUZECH_EPCI = { code: '244600433', name: 'CC de la Vallée du Lot et du Vignoble' };

/** The RFC 9457 body the API answers errors with. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** Asserts a response is a problem+json with the given status, and returns its body. */
export async function expectProblem(response: APIResponse, status: number): Promise<Problem> {
  const body = await response.text();
  expect(response.status(), `status of ${response.url()}: ${body.slice(0, 300)}`).toBe(status);
  expect(response.headers()['content-type']).toMatch(/^application\/problem\+json\b/);
  const problem = JSON.parse(body) as Problem;
  expect(problem.status).toBe(status);
  expect(typeof problem.code).toBe('string');
  expect(problem.code).not.toBe('');
  expect(typeof problem.detail).toBe('string');
  expect(problem.detail.trim()).not.toBe('');
  expect(problem.title.trim()).not.toBe('');
  return problem;
}

/** The accounts `demo seed` creates (README, "Demo accounts"), all with `DEMO_PASSWORD`. */
export { DEMO_ACCOUNTS, DEMO_PASSWORD };
export type { DemoAccountKey } from '../../src/lib/server/accounts/demo-accounts';

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;
const sessions = new Map<string, Cookies>();

/**
 * Signs `page`'s browser in through the form at /connexion (with or without JavaScript). Sign-in is limited
 * to 5 attempts an address every 15 minutes, so a worker signs each address in once and later calls reuse
 * that session, while the server still knows it (a test that signs out ends it: the next call signs in again).
 */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  const kept = sessions.get(email);
  if (kept) {
    await page.context().addCookies(kept);
    // Signed in, /connexion sends the person on; otherwise it shows the form.
    await page.goto('/connexion');
    if (!new URL(page.url()).pathname.startsWith('/connexion')) return;
  }
  await page.context().clearCookies();
  // Typed before the page's script has run, the fields would be emptied by hydration (a race seen on CI;
  // a person typing that early meets it too): the page is loaded completely first.
  await page.goto('/connexion', { waitUntil: 'networkidle' });
  await page.locator('#field-email').fill(email);
  await page.locator('#field-password').fill(password);
  await page.locator('#field-password').press('Enter');
  await expect(page, `signed in as ${email}`).not.toHaveURL(/\/connexion/);
  sessions.set(email, (await page.context().cookies()).filter((cookie) => cookie.name.startsWith('maillage.')));
}

// ————— Booking —————

/** Today in Paris, the places' time. */
export const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A day as the pages write it in French: `mercredi 2 décembre 2026`. */
/** The same day `months` later (the 31st becomes the last day of a shorter month), as the app counts rentals. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastOfMonth))).toISOString().slice(0, 10);
}

export const dayText = (day: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

/**
 * Waits until the page's scripts have loaded: text typed into a server-rendered form before hydration is
 * reset when the component takes over (seen on a loaded machine).
 */
export const settled = (page: Page) => page.waitForLoadState('networkidle');

/** A resource's box in the booking section of a place page. */
export const resourceBox = (page: Page, name: string) => page.getByRole('article').filter({ has: page.getByRole('heading', { name, exact: true }) });

/**
 * The first weekday, `from` days ahead or later, on which a place's resource takes bookings (public holidays
 * are closed), left open on its place page. Two days ahead at least, the 24-hour cancellation notice is not over.
 */
export async function nextOpenDay(page: Page, slug: string, resource: string, from = 2): Promise<string> {
  for (let ahead = from; ahead < from + 14; ahead++) {
    const day = addDays(parisToday(), ahead);
    if ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) continue;
    await page.goto(`/lieux/${slug}?date=${day}`);
    const box = resourceBox(page, resource);
    await expect(box).toHaveCount(1);
    if ((await box.getByText(fr.booking_closed_day).count()) === 0) {
      await settled(page);
      return day;
    }
  }
  throw new Error(`${resource} at ${slug} is not bookable in the next days`);
}

// ————— Accessibility —————

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core finds no WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectNoViolations(page: Page) {
  // Legacy mode runs axe in the page itself instead of gathering frame results in an extra blank page: the pages
  // have no frames (axe's frame-tested rule would report one), and that page cost a second per check here.
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode().analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`)
        .join('\n'),
  );
  expect(summary, summary.join('\n')).toEqual([]);
  // Some rules did run: an empty page would pass too.
  expect(results.passes.length).toBeGreaterThan(5);
}

/** A real JPEG, 1200×800, a colour with a mark, as a camera would give (with EXIF). */
export const cameraJpeg = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 110, b: 90 } } })
    .composite([{ input: Buffer.from('<svg width="600" height="400"><circle cx="300" cy="200" r="150" fill="#f3c34a"/></svg>'), top: 200, left: 300 }])
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: 'Appareil', Model: 'Série 42' } })
    .toBuffer();
