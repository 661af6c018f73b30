import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';
import { ANONYMOUS, organization, user, type Actor, type Membership } from '../accounts/index.ts';
import { bookingResources, bookings, entitlements, resourceClosures } from '../booking/index.ts';
import { bulkInsert, queryRows, type Database, type Db } from '../db/index.ts';
import { distanceKm } from '../geo/index.ts';
import { createPlace } from '../places/index.ts';
import { communeCentres } from '../territory/index.ts';
import {
  acceptFunding,
  addSubsidy,
  impactPrivacy,
  insertSyntheticBookings,
  placeFinances,
  placeFunders,
  placeReport,
  placeSubsidies,
  reportPdf,
  reportXlsx,
  requestFunder,
  SCDL_SUBSIDY_FIELDS,
  setAlternative,
  setCosts,
  subsidiesCsv,
  territoryReport,
  type Report,
} from './index.ts';
import { impactAlternatives, impactPlaceCosts, impactSubsidies } from './schema.ts';
import { reportView } from './view.ts';

let database: Database;
let db: Db;
const EPCI = '244600433'; // CC de la Vallée du Lot et du Vignoble
const OTHER_EPCI = '200023737';
const operatorOrg = `org-op-${randomUUID()}`;
const councilOrg = `org-council-${randomUUID()}`;
const otherCouncilOrg = `org-other-${randomUUID()}`;
let placeId: string;
let secondPlaceId: string;
let desks: string;
let room: string;
let people: { id: string; home: string }[] = [];
/** 1 December 2026, 10:00 in Paris. */
const NOW = new Date('2026-12-01T09:00:00Z');

const actor = (userId: string, memberships: Omit<Membership, 'scopeLevel' | 'scopeCode'>[] & Partial<Membership>[] = []): Actor => ({
  kind: 'user',
  userId,
  name: 'Test',
  email: `${userId}@example.org`,
  emailVerified: true,
  platformRole: null,
  memberships: memberships.map((m) => ({ scopeLevel: null, scopeCode: null, ...m }) as Membership),
});
const team = () => ({ db, actor: actor(people[0]!.id, [{ organizationId: operatorOrg, organizationKind: 'operator', role: 'owner' }]), now: NOW });
const council = () => ({ db, actor: actor(people[1]!.id, [{ organizationId: councilOrg, organizationKind: 'territory', role: 'owner', scopeLevel: 'epci', scopeCode: EPCI }]), now: NOW });
const otherCouncil = () => ({ db, actor: actor(people[2]!.id, [{ organizationId: otherCouncilOrg, organizationKind: 'territory', role: 'owner', scopeLevel: 'epci', scopeCode: OTHER_EPCI }]), now: NOW });
const outsider = () => ({ db, actor: actor(people[3]!.id), now: NOW });

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.insert(organization).values([
    { id: operatorOrg, name: 'Coopérative Test', slug: operatorOrg, kind: 'operator' },
    { id: councilOrg, name: 'CC de la Vallée du Lot', slug: councilOrg, kind: 'territory', scopeLevel: 'epci', scopeCode: EPCI },
    { id: otherCouncilOrg, name: 'Une autre communauté', slug: otherCouncilOrg, kind: 'territory', scopeLevel: 'epci', scopeCode: OTHER_EPCI },
  ]);
  const homes = (await queryRows<{ code: string }>(db, sql`select code from communes where epci_siren = ${EPCI} and kind = 'commune' order by code limit 8`)).map((r) => r.code);
  people = homes.map((home, i) => ({ id: `impact-person-${i}-${randomUUID()}`, home }));
  await db.insert(user).values(people.map((p, i) => ({ id: p.id, name: `Personne ${i}`, email: `${p.id}@example.org`, emailVerified: true, homeCommuneCode: p.home })));
  const place = await createPlace(db, { name: 'Espace Test Luzech', kind: 'coworking', communeCode: '46182', openingHours: 'Mo-Fr 09:00-18:00', operatorOrganizationId: operatorOrg });
  placeId = place.id;
  secondPlaceId = (await createPlace(db, { name: 'Autre lieu du territoire', kind: 'coworking', communeCode: homes[0]!, openingHours: 'Mo-Fr 09:00-18:00' })).id;
  [desks, room] = (
    await db
      .insert(bookingResources)
      .values([
        { placeId, kind: 'desk-pool', name: 'Plateau', capacity: 3 },
        { placeId, kind: 'room', name: 'Salle', capacity: 6 },
      ])
      .returning({ id: bookingResources.id })
  ).map((r) => r.id) as [string, string];
  await db.insert(bookingResources).values({ placeId: secondPlaceId, kind: 'desk-pool', name: 'Postes', capacity: 4 });
  // Closed on Thursday 12 and Friday 13 March 2026.
  await db.insert(resourceClosures).values({ resourceId: desks, startsOn: '2026-03-12', endsOn: '2026-03-13' });
}, 120_000);

afterAll(() => database?.close());

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const marchWeekdays = Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`).filter((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()));

interface RandomBooking {
  person: number;
  day: number;
  kind: 'full' | 'am' | 'pm' | 'room';
  status: 'confirmed' | 'checked-in' | 'cancelled' | 'no-show';
  price: number;
}
type RandomAlternative = { kind: 'commute'; work: number; mode: 'car' | 'bike' } | { kind: 'home'; mode: 'car' } | { kind: 'other' } | null;

/** Every count of people in a report: none of them may be 1 to 4. */
function peopleCounts(value: unknown, found: number[] = []): number[] {
  if (Array.isArray(value)) value.forEach((v) => peopleCounts(v, found));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.kind === 'count' && typeof o.value === 'number') found.push(o.value);
    else Object.values(o).forEach((v) => peopleCounts(v, found));
  }
  return found;
}

describe('a place’s report against a direct recomputation from random bookings', () => {
  it('gives the same occupancy, km avoided and revenue, and nothing about fewer than 5 people', async () => {
    const centres = await communeCentres(db, people.map((p) => p.home));
    const [placeRow] = await queryRows<{ lat: number; lon: number }>(db, sql`select lat, lon from places where id = ${placeId}`);
    const placePoint = { lat: Number(placeRow!.lat), lon: Number(placeRow!.lon) };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            person: fc.integer({ min: 0, max: 7 }),
            day: fc.integer({ min: 0, max: marchWeekdays.length - 1 }),
            kind: fc.constantFrom('full', 'am', 'pm', 'room'),
            status: fc.constantFrom('confirmed', 'checked-in', 'cancelled', 'no-show'),
            price: fc.integer({ min: 0, max: 3000 }),
          }) as fc.Arbitrary<RandomBooking>,
          { maxLength: 60 },
        ),
        fc.array(
          fc.oneof(
            fc.constant(null),
            fc.constant({ kind: 'other' } as const),
            fc.constant({ kind: 'home', mode: 'car' } as const),
            fc.record({ kind: fc.constant('commute' as const), work: fc.integer({ min: 0, max: 7 }), mode: fc.constantFrom('car' as const, 'bike' as const) }),
          ) as fc.Arbitrary<RandomAlternative>,
          { minLength: 8, maxLength: 8 },
        ),
        fc.array(fc.integer({ min: 0, max: 20000 }), { maxLength: 3 }),
        async (random, alternatives, carnets) => {
          await db.delete(bookings).where(eq(bookings.placeId, placeId));
          await db.delete(entitlements).where(eq(entitlements.placeId, placeId));
          await db.delete(impactAlternatives);
          const rows = random.map((b, i) => {
            const day = marchWeekdays[b.day]!;
            const desk = b.kind !== 'room';
            // Rooms: a quarter of an hour each, one after another, so that none overlaps another.
            const [start, end] = b.kind === 'am' ? [540, 780] : b.kind === 'pm' ? [780, 1080] : b.kind === 'room' ? [420 + i * 15, 435 + i * 15] : [540, 1080];
            return {
              id: randomUUID(),
              resourceId: desk ? desks : room,
              placeId,
              userId: people[b.person]!.id,
              day,
              period: desk ? b.kind : null,
              startMinute: start,
              endMinute: end,
              blockedUntilMinute: end,
              status: b.status,
              payment: 'on-site',
              priceCents: b.price,
              vatRateBasisPoints: 2000,
              createdAt: NOW.toISOString(),
            };
          });
          if (rows.length) await bulkInsert(db, bookings, rows as never);
          for (const [i, cents] of carnets.entries())
            await db.insert(entitlements).values({ userId: people[i]!.id, placeId, kind: 'carnet', units: 10, startsOn: '2026-03-05', endsOn: '2027-03-04', pricePaidCents: cents });
          for (const [i, alternative] of alternatives.entries()) {
            if (!alternative) continue;
            await db.insert(impactAlternatives).values({
              userId: people[i]!.id,
              kind: alternative.kind,
              workplaceCommuneCode: alternative.kind === 'commute' ? people[alternative.work]!.home : null,
              mode: alternative.kind === 'other' ? null : alternative.mode,
            });
          }
          const report = await placeReport(team(), placeId, MARCH);

          // Direct recomputation from the rows.
          const kept = random.filter((b) => b.status !== 'cancelled');
          const members = new Set([...kept.map((b) => b.person), ...carnets.map((_, i) => i)]);
          const halfDays = kept.filter((b) => b.kind !== 'room').reduce((sum, b) => sum + (b.kind === 'full' ? 2 : 1), 0);
          const open = (marchWeekdays.length - 2) * 3 * 2;
          const revenue = kept.reduce((sum, b) => sum + b.price, 0) + carnets.reduce((a, b) => a + b, 0);
          const cameDays = new Map<number, Set<string>>();
          for (const b of kept) if (b.kind !== 'room' && b.status !== 'no-show') cameDays.set(b.person, (cameDays.get(b.person) ?? new Set()).add(marchWeekdays[b.day]!));
          let km = 0;
          let counted = 0;
          for (const [person, days] of cameDays) {
            const alternative = alternatives[person];
            if (!alternative || alternative.kind === 'other') continue;
            counted += 1;
            const home = centres.get(people[person]!.home)!;
            const toPlace = distanceKm(home, placePoint) * 1.3;
            const stated = alternative.kind === 'home' ? 0 : distanceKm(home, centres.get(people[alternative.work]!.home)!) * 1.3;
            km += (stated - toPlace) * 2 * days.size;
          }

          const h = report.headline;
          if (members.size >= 1 && members.size < 5) {
            expect(h.small).toBe(true);
            expect([h.deskDays, h.occupancy, h.revenueTotalCents, h.commuting.km]).toEqual([null, null, null, null]);
          } else if (members.size >= 5) {
            expect(h.members).toEqual({ kind: 'count', value: members.size });
            expect(h.deskHalfDays).toBe(halfDays);
            expect(h.occupancy).toBeCloseTo(halfDays / open, 12);
            expect(h.revenueTotalCents).toBe(revenue);
            if (counted >= 5 || counted === 0) expect(h.commuting.km).toBeCloseTo(Math.round(km * 10) / 10, 6);
            else expect(h.commuting.km).toBeNull();
          }
          expect(h.openHalfDays).toBe(open);
          expect(peopleCounts(report).filter((n) => n >= 1 && n < 5)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);
});

describe('who reads what', () => {
  it('gives a place’s report to its team and its accepted funders, 401 or 403 to anyone else', async () => {
    expect((await domainRejection(placeReport({ db, actor: ANONYMOUS, now: NOW }, placeId))).kind).toBe('unauthenticated');
    expect((await domainRejection(placeReport(outsider(), placeId))).code).toBe('forbidden_action');
    expect((await domainRejection(placeReport(council(), placeId))).code).toBe('forbidden_action');
    // The team names a council of its territory; one of another territory is refused.
    const { candidates } = await placeFunders(team(), placeId);
    expect(candidates.map((c) => c.id)).toEqual([councilOrg]);
    expect((await domainRejection(requestFunder(team(), placeId, { organizationId: otherCouncilOrg }))).code).toBe('impact_funder_unknown');
    await requestFunder(team(), placeId, { organizationId: councilOrg });
    expect((await domainRejection(placeReport(council(), placeId))).code).toBe('forbidden_action');
    expect((await domainRejection(acceptFunding(otherCouncil(), placeId, councilOrg))).code).toBe('organization_not_found');
    await acceptFunding(council(), placeId, councilOrg);
    expect((await domainRejection(acceptFunding(council(), placeId, councilOrg))).code).toBe('impact_funding_not_pending');
    const report = await placeReport(council(), placeId, MARCH);
    expect(report.full).toBe(true);
    expect(report.finances).not.toBeNull();
    // Only the team states costs and subsidies.
    expect((await domainRejection(setCosts(council(), placeId, { rent: 1, animator: 1, energy: 1, other: 1 }))).code).toBe('forbidden_action');
  });

  it('gives anyone a territory’s public aggregates, and a place’s revenue only to those who run or fund it', async () => {
    const asOutsider = await territoryReport(outsider(), 'epci', EPCI, MARCH);
    expect(asOutsider.places.map((p) => p.name).sort()).toEqual(['Autre lieu du territoire', 'Espace Test Luzech']);
    expect(asOutsider.full).toBe(false);
    expect(asOutsider.places.every((p) => p.revenueTotalCents === null && !p.full)).toBe(true);
    const asCouncil = await territoryReport(council(), 'epci', EPCI, MARCH);
    expect(asCouncil.places.find((p) => p.name === 'Espace Test Luzech')!.full).toBe(true);
    expect(asCouncil.full).toBe(false);
    expect((await domainRejection(territoryReport(outsider(), 'planet', 'x', MARCH))).code).toBe('impact_territory_kind_unknown');
  });
});

describe('bad input changes nothing', () => {
  it('refuses a period ending before it starts or longer than 5 years', async () => {
    expect((await domainRejection(placeReport(team(), placeId, { from: '2026-03-31', to: '2026-03-01' }))).code).toBe('impact_period_reversed');
    expect((await domainRejection(territoryReport(outsider(), 'epci', EPCI, { from: '2020-01-01', to: '2026-01-01' }))).code).toBe('impact_period_too_long');
    expect((await domainRejection(placeReport(team(), placeId, { from: 'hier' }))).kind).toBe('invalid');
  });

  it('refuses negative costs and a subsidy without a funder, and keeps what was there', async () => {
    await setCosts(team(), placeId, { rent: '9600', animator: '18000', energy: '2400', other: '1200,50' });
    expect((await domainRejection(setCosts(team(), placeId, { rent: '-5', animator: '1', energy: '1', other: '1' }))).issues[0]?.message).toBe('impact_cost_negative');
    const [costs] = await db.select().from(impactPlaceCosts).where(eq(impactPlaceCosts.placeId, placeId));
    expect(costs).toMatchObject({ rentCents: 960_000, animatorCents: 1_800_000, energyCents: 240_000, otherCents: 120_050 });
    const count = async () => (await db.select().from(impactSubsidies).where(eq(impactSubsidies.placeId, placeId))).length;
    const before = await count();
    const error = await domainRejection(addSubsidy(team(), placeId, { funderName: '  ', amount: '5000', startsOn: '2026-01-01', endsOn: '2026-12-31', purpose: 'Animation' }));
    expect(error.issues.map((i) => i.message)).toContain('impact_funder_required');
    expect((await domainRejection(addSubsidy(team(), placeId, { funderName: 'Région', amount: '5000', startsOn: '2026-12-31', endsOn: '2026-01-01', purpose: 'x' }))).issues.map((i) => i.message)).toContain('impact_period_reversed');
    expect(await count()).toBe(before);
    expect((await domainRejection(setAlternative(outsider(), { kind: 'commute', mode: 'car' }))).issues.map((i) => i.message)).toContain('impact_alternative_workplace_required');
  });
});

describe('finances and files', () => {
  it('reads the break-even with and without subsidies, and exports the subsidies in SCDL with its fields and types', async () => {
    await addSubsidy(team(), placeId, { funderName: 'Communauté de communes de la Vallée du Lot et du Vignoble', funderId: '24460043300016', amount: '12000', startsOn: '2026-01-01', endsOn: '2026-12-31', purpose: 'Animation du tiers-lieu ; an 1', decisionReference: 'DEL-2025-112', conventionDate: '2025-12-15' });
    await insertSyntheticBookings(db, { deskResourceIds: [desks], userIds: people.map((p) => p.id), from: '2025-12-01', to: '2026-11-30', count: 600, seed: 3, dayPriceCents: 1500 });
    const finances = await placeFinances(team(), placeId);
    expect(finances.breakEven.revenuePerDeskDayCents).toBeGreaterThan(1000);
    expect(finances.costs.totalCents).toBe(3_120_050);
    expect(finances.breakEven.withSubsidies!).toBeLessThan(finances.breakEven.withoutSubsidies!);
    expect(finances.breakEven.subsidiesEnd).toBe('2026-12');
    const { place, subsidies } = await placeSubsidies(council(), placeId);
    const csv = subsidiesCsv(place, subsidies);
    const records = parseCsv(csv, { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(SCDL_SUBSIDY_FIELDS.map(([name]) => name));
    const types: Record<string, RegExp> = {
      string: /^[^\r\n]*$/,
      siret: /^(\d{14})?$/,
      date: /^\d{4}-\d{2}-\d{2}$/,
      number: /^\d+(\.\d+)?$/,
      nature: /^(aide en numéraire|aide en nature)?$/,
      conditions: /^(Unique|Echelonné)$/,
      period: /^\d{4}-\d{2}-\d{2}(\/\d{4}-\d{2}-\d{2})?$/,
      yesNo: /^(Oui|Non)$/,
      ratio: /^(0(\.\d+)?|1(\.0+)?)$/,
    };
    for (const record of records) for (const [name, type] of SCDL_SUBSIDY_FIELDS) expect(record[name], `${name} (${type})`).toMatch(types[type]!);
    expect(records[0]).toMatchObject({ nomAttribuant: 'Communauté de communes de la Vallée du Lot et du Vignoble', idAttribuant: '24460043300016', montant: '12000.00', objet: 'Animation du tiers-lieu ; an 1', datesPeriodeVersement: '2026-01-01/2026-12-31' });
  });

  it('writes a territory of 10 places over 12 months as a PDF of at most 8 pages whose text holds the headline figures, and an XLSX that recomputes them', async () => {
    const names = ['Écluse', 'Château', 'Vignoble', 'Rivière', 'Causse', 'Cèdre', 'Moulin', 'Forêt'];
    const resources = [desks];
    for (const name of names) {
      const id = (await createPlace(db, { name: `Tiers-lieu ${name}`, kind: 'coworking', communeCode: people[names.indexOf(name) % people.length]!.home, openingHours: 'Mo-Fr 09:00-18:00' })).id;
      resources.push((await db.insert(bookingResources).values({ placeId: id, kind: 'desk-pool', name: 'Postes', capacity: 12 }).returning({ id: bookingResources.id }))[0]!.id);
    }
    const members = Array.from({ length: 40 }, (_, i) => ({ id: `impact-member-${i}-${randomUUID()}`, home: people[i % people.length]!.home }));
    await db.insert(user).values(members.map((m, i) => ({ id: m.id, name: `Membre ${i}`, email: `${m.id}@example.org`, emailVerified: true, homeCommuneCode: m.home })));
    await db.insert(impactAlternatives).values(members.slice(0, 30).map((m, i) => ({ userId: m.id, kind: i % 5 === 0 ? ('home' as const) : ('commute' as const), workplaceCommuneCode: i % 5 === 0 ? null : '46042', mode: 'car' as const })));
    await insertSyntheticBookings(db, { deskResourceIds: resources, userIds: members.map((m) => m.id), from: '2025-01-01', to: '2025-12-31', count: 6000, seed: 7, dayPriceCents: 1500 });
    const period = { from: '2025-01-01', to: '2025-12-31' };
    const report: Report = await territoryReport(council(), 'epci', EPCI, period);
    expect(report.places).toHaveLength(10);
    const h = report.headline;
    expect(h.commuting.km).not.toBeNull();

    const dir = mkdtempSync(join(tmpdir(), 'impact-'));
    const pdf = await reportPdf(report, 'fr');
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const info = execFileSync('pdfinfo', [join(dir, 'r.pdf')]).toString();
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeLessThanOrEqual(8);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-']).toString();
    const fr = (value: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value).replace(/\u202f|\u00a0/g, ' ');
    expect(text.replace(/\s+/g, ' ')).toContain('Impact des lieux : CC de la Vallée du Lot et du Vignoble');
    expect(text).toContain('Jours-poste réservés');
    expect(text).toContain(fr(h.deskDays!));
    expect(text).toContain(fr(h.commuting.km!));
    expect(text).toContain('Taux d’occupation');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportXlsx(report, 'en')) as never);
    const calc = workbook.getWorksheet('calcul')!;
    const formulas = new Map<string, string>();
    calc.eachRow((row, n) => {
      const value = row.getCell(2).value as { formula?: string } | null;
      if (n > 1 && value?.formula) formulas.set(String(row.getCell(1).value), value.formula);
    });
    expect(formulas.get('Desk-days booked')).toMatch(/^SUM\('rows'!B2:B13\)\/2$/);
    expect(formulas.get('Km avoided')).toMatch(/^SUM\('rows'!F2:F13\)$/);
    // The formula over the rows gives the headline figure (no month here has fewer than 5 people).
    const rows = workbook.getWorksheet('rows')!;
    const column = (letter: string) => Array.from({ length: 12 }, (_, i) => Number(rows.getCell(`${letter}${i + 2}`).value));
    expect(column('B').reduce((a, b) => a + b, 0) / 2).toBe(h.deskDays);
    expect(Math.round(column('F').reduce((a, b) => a + b, 0) * 10) / 10).toBeCloseTo(h.commuting.km!, 0);
  }, 120_000);

  it('counts the collaborations its members confirmed, never fewer than 5 as a number, once across the places', async () => {
    const period = { from: '2024-01-01', to: '2024-12-31' };
    const collaborators = Array.from({ length: 12 }, (_, i) => ({ id: `impact-collab-${i}-${randomUUID()}` }));
    await db.insert(user).values(collaborators.map((c, i) => ({ id: c.id, name: `Collaboratrice ${i}`, email: `${c.id}@example.org`, emailVerified: true })));
    for (const c of collaborators) {
      await db.execute(sql`insert into community_profiles (user_id, public_name) values (${c.id}, 'Membre')`);
      // Half use the first place, half both: a collaboration between two of them counts once in the territory.
      await db.execute(sql`insert into community_profile_places (user_id, place_id) values (${c.id}, ${placeId}::uuid)`);
    }
    const confirm = async (pairs: number, on: string) => {
      for (let i = 0; i < pairs; i++)
        await db.execute(sql`insert into community_conversations (sender_id, recipient_id, sender_confirmed_at, recipient_confirmed_at)
                             values (${collaborators[2 * i]!.id}, ${collaborators[2 * i + 1]!.id}, ${on}::timestamptz, ${on}::timestamptz)`);
    };
    await confirm(3, '2024-06-10T10:00:00Z');
    expect((await placeReport(team(), placeId, period)).collaborations).toEqual({ kind: 'small' });
    await confirm(3, '2024-12-31T21:00:00Z'); // the evening of 31 December in Paris: in the period
    await confirm(1, '2025-01-01T10:00:00Z'); // after it
    expect((await placeReport(team(), placeId, period)).collaborations).toEqual({ kind: 'count', value: 6 });
    const territory = await territoryReport(council(), 'epci', EPCI, period);
    expect(territory.collaborations).toEqual({ kind: 'count', value: 6 });
    expect(reportView(territory, 'fr').headline.find((row) => row.key === 'collaborations')).toMatchObject({ value: '6', number: 6 });
  });

  it('exports a member’s stated alternative and erases it with the account', async () => {
    const someone = people[5]!;
    await setAlternative({ db, actor: actor(someone.id), now: NOW }, { kind: 'commute', workplaceCommuneCode: '46042', mode: 'car' });
    expect(await impactPrivacy.export(db, someone.id)).toMatchObject({ statedAlternative: { kind: 'commute', workplaceCommuneCode: '46042', mode: 'car' } });
    await impactPrivacy.erase(db, { userId: someone.id, name: '', email: '', phone: null, removedOrganizationIds: [] });
    expect(await impactPrivacy.export(db, someone.id)).toEqual({ statedAlternative: null });
  });
});
