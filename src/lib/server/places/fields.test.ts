import { getTableColumns } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { Place } from './contracts.ts';
import { CSV_COLUMNS } from './csv.ts';
import { formValuesOfPlace, placeInputOfForm } from './form.ts';
import { columnOfField, PLACE_FIELD_NAMES, placeField, PlacePatch, PRICE_FIELDS, type PlaceFields } from './model.ts';
import { columnName, columnsOfFields, fieldsOfRecord, NOT_FIELD_COLUMNS, PLACE_COLUMNS, type PlaceRecord } from './queries.ts';
import { places } from './schema.ts';

// Every field of the contract must reach each place derived from `PLACE_FIELDS`: the form, the CSV, the
// columns selected and their mapping, the API's answer. A field added and forgotten in one fails here.

/** Every field given and none empty, the point the place's own: a field lost on the way shows. */
const SAMPLE: PlaceFields = {
  slug: 'la-ruche-luzech',
  name: 'La Ruche',
  kind: 'tiers-lieu',
  descriptionFr: 'Un lieu',
  descriptionEn: 'A place',
  communeCode: '46102',
  address: '1 rue du Port',
  lat: 44.48,
  lon: 1.28,
  coordinatesExact: true,
  desks: 12,
  surfaceM2: 300,
  internetMbps: 500,
  services: ['kitchen', 'printer'],
  openingHours: 'Mo-Fr 09:00-18:00',
  dayPrice: 15,
  halfDayPrice: 9.5,
  monthPrice: 180,
  carnet10Price: 120,
  operatorName: 'Lot Tiers-Lieux',
  operatorKind: 'association',
  operatorOrganizationId: 'org-1',
  openedOn: '2021-03-01',
  status: 'project',
  contactEmail: 'bonjour@example.fr',
  contactPhone: '05 65 00 00 00',
  website: 'https://example.fr',
  languages: ['fr', 'oc'],
};

/** What the contract takes: every field but the prices, which come from the offers. */
const CONTRACT_FIELDS = Object.keys(PlacePatch.shape);
/** A field the CSV does not carry, and why. */
const NOT_IN_CSV: Record<string, string> = { operatorOrganizationId: "an account's organization, meaningless outside the instance" };
/** A field the form has no input of its own for, and why. */
const NOT_AN_INPUT: Record<string, string> = { coordinatesExact: "read from the box placing the place at its commune's centre" };

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('PLACE_FIELDS', () => {
  it('holds every field of the contract, and the prices besides', () => {
    expect(Object.keys(SAMPLE).sort()).toEqual([...PLACE_FIELD_NAMES].sort());
    expect([...CONTRACT_FIELDS].sort()).toEqual(PLACE_FIELD_NAMES.filter((field) => !PRICE_FIELDS.includes(field as never)).sort());
  });

  it('gives every column of places to a field, unless it is named as none', () => {
    const ofFields = PLACE_FIELD_NAMES.map(columnOfField);
    expect([...ofFields, ...NOT_FIELD_COLUMNS].sort()).toEqual(Object.keys(getTableColumns(places)).sort());
  });

  it('names each column as the record type does (snake_case)', () => {
    for (const key of Object.keys(getTableColumns(places)) as (keyof typeof places.$inferSelect)[]) expect(columnName(key), key).toBe(snakeCase(key));
  });

  it('selects every field and reads it back from its column', () => {
    const selected = new PgDialect().sqlToQuery(PLACE_COLUMNS).sql;
    for (const field of PLACE_FIELD_NAMES) expect(selected, field).toMatch(new RegExp(`\\b${columnName(columnOfField(field))}\\b`));
    const record = Object.fromEntries(Object.entries(columnsOfFields(SAMPLE)).map(([key, value]) => [snakeCase(key), value])) as unknown as PlaceRecord;
    expect(fieldsOfRecord(record)).toEqual(SAMPLE);
  });

  it('answers every field in the API', () => {
    expect(Object.keys(Place.shape)).toEqual(expect.arrayContaining([...PLACE_FIELD_NAMES]));
  });

  it('gives every field of the contract a CSV column', () => {
    for (const field of CONTRACT_FIELDS.filter((f) => !(f in NOT_IN_CSV))) {
      const column = placeField(field as keyof PlaceFields).csv;
      expect(column, field).not.toBeNull();
      expect(CSV_COLUMNS, field).toContain(column);
    }
  });

  it('reads every field of the contract back from the form', () => {
    const values = { ...formValuesOfPlace(SAMPLE), 'hours-mode': 'advanced' };
    const { input, issues } = placeInputOfForm(values);
    expect(issues).toEqual([]);
    const read = CONTRACT_FIELDS.filter((field) => !(field in NOT_AN_INPUT));
    expect(Object.keys(input).sort()).toEqual(read.sort());
    expect(PlacePatch.parse(input)).toEqual(Object.fromEntries(read.map((field) => [field, SAMPLE[field as keyof PlaceFields]])));
    expect(placeInputOfForm({ ...values, coordinatesCommune: 'on' }).input).toMatchObject({ coordinatesExact: false });
  });
});
