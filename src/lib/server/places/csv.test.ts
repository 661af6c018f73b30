import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/setup/database.ts';
import { queryRows, type Database } from '../db/index.ts';
import { CSV_COLUMNS, importPlacesCsv, placesCsv, type PlaceImportOptions } from './csv.ts';
import { toCents } from '../../money.ts';
import { placesGeoJson } from './geojson.ts';
import { searchPlaces, type PlaceSearch } from './search.ts';
import { getPlace, placeHistoryOf } from './service.ts';
import { createPlace, setPlacePrices } from './writes.ts';
import { domainRejection } from '../../../../tests/setup/domain-error.ts';

let database: Database;
const db = () => database.db;
const ALL: PlaceSearch = { status: ['open', 'project', 'closed'] };

beforeAll(async () => {
  database = await createTestDatabase();
  const bureau = await createPlace(db(), {
    name: 'Le "Bureau", quai',
    kind: 'coworking',
    communeCode: '13019',
    descriptionFr: 'Première ligne\nseconde ligne, avec virgule ; point-virgule et "guillemets"\r\n<script>alert(1)</script>',
    descriptionEn: '  ',
    address: '2 rue de la Gare, bâtiment B',
    lat: 43.4412,
    lon: 5.3791,
    desks: 12,
    surfaceM2: 80,
    internetMbps: 300,
    services: ['meeting-room', 'domiciliation', 'kitchen'],
    openingHours: 'Mo-Fr 09:00-18:00; Sa 09:00-12:00; PH off',
    operatorName: 'SCIC Les Quais',
    operatorKind: 'public-private',
    openedOn: '2020-02-03',
    contactEmail: 'contact@example.org',
    contactPhone: '+33 4 42 00 00 00',
    website: 'https://example.org/?a=1&b=2',
    languages: ['fr', 'en', 'it'],
  });
  await setPlacePrices(db(), bureau.id, { dayPriceCents: 1999, halfDayPriceCents: 1150, monthPriceCents: 24000, carnet10PriceCents: 17000 });
  await createPlace(db(), { name: 'Projet à Luzech', kind: 'tiers-lieu', communeCode: '46182', status: 'project' });
  const closed = await createPlace(db(), { name: 'Ancien Télécentre', kind: 'telecentre', communeCode: '39368', status: 'closed', desks: 0 });
  await setPlacePrices(db(), closed.id, { dayPriceCents: 0, halfDayPriceCents: null, monthPriceCents: null, carnet10PriceCents: null });
});

/**
 * What the booking domain does with a row's prices (`setPlacePriceList`: the offers of their kinds, then the
 * figures read back from them), reduced here to the figures; the offers themselves are tested in booking.
 */
const setPrices: PlaceImportOptions['setPrices'] = async (tx, placeId, prices, changedBy) => {
  const place = await getPlace(tx, placeId);
  const current = { dayPriceCents: toCents(place.dayPrice), halfDayPriceCents: toCents(place.halfDayPrice), monthPriceCents: toCents(place.monthPrice), carnet10PriceCents: toCents(place.carnet10Price) };
  await setPlacePrices(tx, placeId, { ...current, ...prices }, changedBy);
};
afterAll(() => database?.close());

/** Everything that could change: the full export and the number of history entries. */
async function state() {
  const [row] = await queryRows<{ places: number; history: number }>(
    db(),
    sql`select (select count(*) from places)::int as places, (select count(*) from place_history)::int as history`,
  );
  return { ...row!, csv: await placesCsv(db(), { ...ALL, includeSynthetic: true }) };
}

function records(csv: string): Record<string, string>[] {
  return parseCsv(csv, { columns: true, bom: true });
}

function toCsv(rows: Record<string, string>[], columns: readonly string[] = CSV_COLUMNS): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? '')).join(','))].join('\r\n') + '\r\n';
}


describe('CSV export', () => {
  it('writes UTF-8 with a BOM, the documented header, RFC 4180 quoting and CRLF line ends', async () => {
    const csv = await placesCsv(db(), ALL);
    expect(csv.startsWith('\uFEFFid,nom,adresse,code_insee,commune,code_postal,latitude,longitude,horaires,services,typologie,')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${CSV_COLUMNS.join(',')}`);
    const rows = records(csv);
    expect(rows).toHaveLength(3);
    const bureau = rows.find((r) => r.nom === 'Le "Bureau", quai')!;
    expect(bureau).toMatchObject({
      code_insee: '13019',
      commune: 'Cabriès',
      code_postal: '13480',
      latitude: '43.4412',
      longitude: '5.3791',
      horaires: 'Mo-Fr 09:00-18:00; Sa 09:00-12:00; PH off',
      services: 'meeting-room|domiciliation|kitchen',
      typologie: 'coworking',
      courriels: 'contact@example.org',
      site_web: 'https://example.org/?a=1&b=2',
      coordonnees_exactes: 'true',
      postes: '12',
      prix_jour: '19.99',
      prix_demi_journee: '11.5',
      prix_carnet_10: '170',
      statut: 'open',
      type_operateur: 'public-private',
      date_ouverture: '2020-02-03',
      langues: 'fr|en|it',
      debit_mbps: '300',
    });
    expect(bureau.presentation_resume).toContain('<script>alert(1)</script>');
    expect(bureau.date_maj).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Default filters: closed places are left out.
    expect(records(await placesCsv(db())).map((r) => r.nom).sort()).toEqual(['Le "Bureau", quai', 'Projet à Luzech']);
  });

  it('neutralises text a spreadsheet would run as a formula, keeps negative numbers as numbers, and reads it back unchanged', async () => {
    const formulas = {
      name: '=HYPERLINK("https://evil.example","Cliquez")',
      descriptionFr: '@SUM(1+1)*cmd|/C calc!A0',
      descriptionEn: '-2+3+cmd|/C calc!A0',
      address: '=1+1',
      operatorName: '+cmd|/C calc!A0',
    };
    const place = await createPlace(db(), { ...formulas, kind: 'coworking', communeCode: '29019', lat: 48.39, lon: -4.486, contactPhone: '+33 2 98 00 00 00' });
    try {
      const csv = await placesCsv(db(), ALL);
      const row = records(csv).find((r) => r.id === place.id)!;
      expect(row).toMatchObject({
        nom: `'${formulas.name}`,
        presentation_resume: `'${formulas.descriptionFr}`,
        presentation_resume_en: `'${formulas.descriptionEn}`,
        adresse: `'${formulas.address}`,
        nom_operateur: `'${formulas.operatorName}`,
        telephone: "'+33 2 98 00 00 00",
        longitude: '-4.486',
        latitude: '48.39',
      });
      // No cell of the file starts a formula.
      for (const record of records(csv)) for (const value of Object.values(record)) expect(value, value).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
      const report = await importPlacesCsv(db(), csv, { setPrices });
      expect(report.rows.find((r) => r.id === place.id)?.outcome).toBe('unchanged');
      expect(await getPlace(db(), place.id)).toMatchObject({ ...formulas, lon: -4.486, contactPhone: '+33 2 98 00 00 00' });
    } finally {
      await db().execute(sql`delete from place_history where place_id = ${place.id}::uuid`);
      await db().execute(sql`delete from places where id = ${place.id}::uuid`);
    }
  });

  it('exports the same places as GeoJSON points with the licence', async () => {
    const geojson = await placesGeoJson(db(), { near: { code: '13019' }, radiusKm: 500 });
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.metadata.licence).toContain('Licence Ouverte 2.0');
    expect(geojson.metadata.count).toBe(2);
    const [first] = geojson.features;
    expect(first!.geometry).toEqual({ type: 'Point', coordinates: [5.3791, 43.4412] });
    expect(first!.properties).toMatchObject({ name: 'Le "Bureau", quai', distanceKm: expect.any(Number) });
    expect(first!.id).toBe(first!.properties.id);
    const all = await placesGeoJson(db(), ALL);
    expect(all.features).toHaveLength((await searchPlaces(db(), ALL)).total);
  });
});

describe('CSV import', () => {
  it('reads its own export back: every row unchanged, nothing written', async () => {
    const before = await state();
    const report = await importPlacesCsv(db(), before.csv, { setPrices });
    expect(report).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3, errors: 0 });
    expect(report.rows.every((r) => r.outcome === 'unchanged')).toBe(true);
    expect(await state()).toEqual(before);
    // The same bytes as a Buffer.
    const again = await importPlacesCsv(db(), Buffer.from(before.csv, 'utf8'), { setPrices });
    expect(again.unchanged).toBe(3);
    expect(await state()).toEqual(before);
  });

  it('updates a changed row only, and records the change in its history', async () => {
    const rows = records(await placesCsv(db(), ALL));
    const bureau = rows.find((r) => r.nom?.startsWith('Le "Bureau"'))!;
    bureau.prix_jour = '21';
    bureau.services = 'kitchen|meeting-room|domiciliation|printer';
    const report = await importPlacesCsv(db(), toCsv(rows), { changedBy: 'csv-test', setPrices });
    expect(report).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 2 });
    const updated = report.rows.find((r) => r.outcome === 'updated')!;
    expect(updated.changedFields?.sort()).toEqual(['dayPrice', 'services']);
    const place = await getPlace(db(), bureau.id!);
    expect(place.dayPrice).toBe(21);
    expect(place.services).toEqual(['meeting-room', 'domiciliation', 'kitchen', 'printer']);
    // The services change in the place's history, the price through its offers, which record it there too.
    const recent = (await placeHistoryOf(db(), place.id)).slice(0, 2);
    expect(recent.map((entry) => entry.changedBy)).toEqual(['csv-test', 'csv-test']);
    expect(recent.map((entry) => entry.changes).find((changes) => 'dayPrice' in changes)).toEqual({ dayPrice: { from: 19.99, to: 21 } });
  });

  it('refuses, row by row, price cells that would change a place when the importer cannot set its offers', async () => {
    const before = await state();
    const rows = records(before.csv);
    const bureau = rows.find((r) => r.nom?.startsWith('Le "Bureau"'))!;
    bureau.prix_mois = '250';
    const report = await importPlacesCsv(db(), toCsv(rows));
    expect(report).toMatchObject({ applied: false, errors: 1 });
    expect(report.rows.find((r) => r.outcome === 'error')?.errors).toEqual([{ path: 'prix_mois', message: 'place_import_prices_need_offers' }]);
    expect(await state()).toEqual(before);
    // The same prices as the place's: nothing to set, the file goes through.
    expect((await importPlacesCsv(db(), before.csv)).unchanged).toBe(3);
  });

  it('creates a row without id, and finds it again on the next import (no duplicate)', async () => {
    const header = CSV_COLUMNS.join(',');
    const line = ',Nouveau Lieu,,13032,,,,,Mo-Fr 09:00-17:00,printer,fablab,Un fablab,,,,,,,,6,,,8,,,,open,association,Les Makers,,fr';
    const file = `${header}\n${line}\n`;
    const first = await importPlacesCsv(db(), file, { setPrices });
    expect(first).toMatchObject({ applied: true, created: 1, unchanged: 0 });
    const created = await getPlace(db(), first.rows[0]!.id!);
    expect(created).toMatchObject({ slug: 'nouveau-lieu', communeCode: '13032', coordinatesExact: false, desks: 6, dayPrice: 8, kind: 'fablab' });
    const second = await importPlacesCsv(db(), file, { setPrices });
    expect(second).toMatchObject({ applied: true, created: 0, unchanged: 1 });
    expect(second.rows[0]!.id).toBe(created.id);
    expect((await searchPlaces(db(), { q: 'nouveau lieu' })).total).toBe(1);
  });

  it('creates a row with an unknown id under that id, then finds it by id', async () => {
    const rows = records(await placesCsv(db(), ALL)).slice(0, 1);
    rows[0]!.id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    rows[0]!.slug = 'copie-du-bureau';
    rows[0]!.nom = 'Copie du Bureau';
    const report = await importPlacesCsv(db(), toCsv(rows), { setPrices });
    expect(report).toMatchObject({ created: 1, applied: true });
    expect((await getPlace(db(), '0f8fad5b-d9cb-469f-a165-70867728950e')).slug).toBe('copie-du-bureau');
    expect((await importPlacesCsv(db(), toCsv(rows), { setPrices })).unchanged).toBe(1);
  });

  it('checks without writing on a dry run', async () => {
    const before = await state();
    const rows = records(before.csv);
    rows[0]!.postes = '99';
    const report = await importPlacesCsv(db(), toCsv(rows), { dryRun: true, setPrices });
    expect(report).toMatchObject({ applied: false, dryRun: true, updated: 1 });
    expect(await state()).toEqual(before);
  });

  describe('refuses a bad file and writes nothing', () => {
    it('missing columns', async () => {
      const before = await state();
      const rows = records(before.csv);
      const columns = CSV_COLUMNS.filter((c) => c !== 'horaires' && c !== 'prix_jour');
      const error = await domainRejection(importPlacesCsv(db(), toCsv(rows, columns), { setPrices }));
      expect(error.code).toBe('place_csv_columns_missing');
      expect(error.params.columns).toBe('horaires, prix_jour');
      // The derived columns may be left out.
      const lean = CSV_COLUMNS.filter((c) => !['commune', 'code_postal', 'date_maj'].includes(c));
      expect((await importPlacesCsv(db(), toCsv(rows, lean), { setPrices })).unchanged).toBe(rows.length);
      expect(await state()).toEqual(before);
    });

    it('wrong encoding: Latin-1 bytes, or text already damaged by a wrong decoding', async () => {
      const before = await state();
      const latin1 = Buffer.from(before.csv.replace(/^\uFEFF/, ''), 'latin1');
      expect((await domainRejection(importPlacesCsv(db(), latin1, { setPrices }))).code).toBe('place_csv_encoding');
      expect((await domainRejection(importPlacesCsv(db(), latin1.toString('utf8'), { setPrices }))).code).toBe('place_csv_encoding');
      expect(await state()).toEqual(before);
    });

    it('malformed or empty', async () => {
      const before = await state();
      expect((await domainRejection(importPlacesCsv(db(), `${CSV_COLUMNS.join(',')}\n"open quote,1\n`, { setPrices }))).code).toBe('place_csv_malformed');
      expect((await domainRejection(importPlacesCsv(db(), `${CSV_COLUMNS.join(',')}\nonly,three,cells\n`, { setPrices }))).code).toBe('place_csv_malformed');
      expect((await domainRejection(importPlacesCsv(db(), `${CSV_COLUMNS.join(',')}\n`, { setPrices }))).code).toBe('place_csv_empty');
      expect((await domainRejection(importPlacesCsv(db(), '', { setPrices }))).code).toBe('place_csv_columns_missing');
      expect(await state()).toEqual(before);
    });

    it('invalid rows: each reported with its column and message key, valid rows not written either', async () => {
      const before = await state();
      const rows = records(before.csv);
      const valid = rows.length;
      const bureau = rows.find((r) => r.coordonnees_exactes === 'true')!;
      const bad = (changes: Record<string, string>, name: string) => ({ ...bureau, id: '', slug: '', nom: name, ...changes });
      const file = toCsv([
        { ...rows[0]!, prix_jour: '25' }, // a valid change, not applied because of the others
        ...rows.slice(1),
        bad({ code_insee: '99999' }, 'Commune inconnue'),
        bad({ horaires: 'du lundi au vendredi' }, 'Horaires illisibles'),
        bad({ prix_jour: '-5' }, 'Prix négatif'),
        bad({ postes: '-2' }, 'Postes négatifs'),
        bad({ typologie: 'bar' }, 'Mauvaise typologie'),
        bad({ latitude: '5.38', longitude: '43.44' }, 'Coordonnées inversées'),
        { ...rows[1]!, nom: 'Doublon' }, // same id as row 2
      ]);
      const report = await importPlacesCsv(db(), file, { setPrices });
      expect(report.applied).toBe(false);
      expect(report.errors).toBe(7);
      expect(report.updated).toBe(1);
      const errors = report.rows.filter((r) => r.outcome === 'error').map((r) => [r.row, r.errors!.map((e) => `${e.path}:${e.message}`)]);
      expect(errors).toEqual([
        [valid + 1, ['code_insee:place_commune_unknown']],
        [valid + 2, ['horaires:place_opening_hours_invalid']],
        [valid + 3, ['prix_jour:place_price_invalid']],
        [valid + 4, ['postes:place_desks_invalid']],
        [valid + 5, ['typologie:place_kind_invalid']],
        [valid + 6, ['latitude:place_coordinates_outside_france']],
        [valid + 7, ['id:place_import_duplicate_id']],
      ]);
      expect(report.rows.find((r) => r.row === valid + 7)!.errors![0]!.params).toEqual({ first: 2 });
      expect(await state()).toEqual(before);
    });

    it('a repeated slug, or a slug of another place', async () => {
      const before = await state();
      const rows = records(before.csv);
      const other = rows.find((r) => r.id !== rows[0]!.id)!;
      const taken = await importPlacesCsv(db(), toCsv([{ ...rows[0]!, slug: other.slug! }]), { setPrices });
      expect(taken.rows[0]!.errors!.map((e) => e.message)).toEqual(['place_slug_taken']);
      const twice = await importPlacesCsv(db(), toCsv([
        { ...rows[0]!, id: '', slug: 'meme-slug', nom: 'Un' },
        { ...rows[0]!, id: '', slug: 'meme-slug', nom: 'Deux' },
      ]), { setPrices });
      expect(twice.rows[1]!.errors!.map((e) => e.message)).toEqual(['place_import_duplicate_slug']);
      // A slug that is a page of the directory is refused; a name that would make one gets its commune's name too.
      const reserved = await importPlacesCsv(db(), toCsv([{ ...rows[0]!, id: '', slug: 'nouveau', nom: 'Autre' }]), { setPrices });
      expect(reserved.rows[0]!.errors!.map((e) => e.message)).toEqual(['place_edit_slug_reserved']);
      const named = await importPlacesCsv(db(), toCsv([{ ...rows[0]!, id: '', slug: '', nom: 'Nouveau' }]), { dryRun: true, setPrices });
      expect(named.rows[0]).toMatchObject({ outcome: 'created' });
      expect(named.rows[0]!.slug).toMatch(/^nouveau-/);
      expect(await state()).toEqual(before);
    });
  });

  it('keeps script tags as text through export and import', async () => {
    const rows = records(await placesCsv(db(), ALL));
    const bureau = rows.find((r) => r.nom?.startsWith('Le "Bureau"'))!;
    bureau.presentation_resume_en = '<img src=x onerror=alert(1)>';
    await importPlacesCsv(db(), toCsv(rows), { setPrices });
    expect((await getPlace(db(), bureau.id!)).descriptionEn).toBe('<img src=x onerror=alert(1)>');
  });
});
