import { describe, expect, it } from 'vitest';
import { createDocument } from 'zod-openapi';
import { placesPaths } from './api.ts';
import { PlaceExportQuery, PlaceInput, PlacePatch, PlaceSearchQuery, toPlaceSearch, withoutEmptyValues } from './contracts.ts';

const messages = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => `${issue.path.join('.')}:${issue.message}`) ?? [];

describe('search query string', () => {
  it('reads strings into a search, repeated parameters as lists', () => {
    const parsed = PlaceSearchQuery.parse({
      q: ' coworking ',
      near: '13019',
      radiusKm: '30',
      service: ['meeting-room', 'kitchen'],
      kind: 'coworking',
      maxDayPrice: '15,5',
      openOn: 'sa',
      page: '2',
      perPage: '10',
      includeSynthetic: 'false',
      status: 'project',
    });
    expect(toPlaceSearch(parsed)).toEqual({
      q: 'coworking',
      near: { code: '13019' },
      radiusKm: 30,
      services: ['meeting-room', 'kitchen'],
      kind: ['coworking'],
      maxDayPrice: 15.5,
      openOn: 'sa',
      page: 2,
      perPage: 10,
      includeSynthetic: false,
      status: ['project'],
    });
    expect(toPlaceSearch(PlaceSearchQuery.parse({ near: '43.44,5.38', service: 'kitchen' }))).toEqual({
      near: { lat: 43.44, lon: 5.38 },
      services: ['kitchen'],
    });
    expect(toPlaceSearch(PlaceSearchQuery.parse({}))).toEqual({});
  });

  it('answers catalogue keys for values out of bounds', () => {
    expect(messages(PlaceSearchQuery.safeParse({ radiusKm: '0' }))).toEqual(['radiusKm:radius_invalid']);
    expect(messages(PlaceSearchQuery.safeParse({ radiusKm: '100000' }))).toEqual(['radiusKm:radius_invalid']);
    expect(messages(PlaceSearchQuery.safeParse({ radiusKm: 'abc' }))).toEqual(['radiusKm:number_format']);
    expect(messages(PlaceSearchQuery.safeParse({ service: 'sauna' }))).toEqual(['service:place_service_unknown']);
    expect(messages(PlaceSearchQuery.safeParse({ service: ['kitchen', 'sauna'] }))).toEqual(['service:place_service_unknown']);
    expect(messages(PlaceSearchQuery.safeParse({ openOn: 'monday' }))).toEqual(['openOn:place_weekday_invalid']);
    expect(messages(PlaceSearchQuery.safeParse({ perPage: '101' }))).toEqual(['perPage:place_per_page_invalid']);
    expect(messages(PlaceSearchQuery.safeParse({ page: '0' }))).toEqual(['page:place_page_invalid']);
    expect(messages(PlaceSearchQuery.safeParse({ maxDayPrice: '-1' }))).toEqual(['maxDayPrice:place_max_day_price_invalid']);
    expect(messages(PlaceSearchQuery.safeParse({ near: '95,5' }))).toEqual(['near:near_out_of_range']);
    expect(messages(PlaceSearchQuery.safeParse({ commune: '1301' }))).toEqual(['commune:commune_code_format']);
    expect(messages(PlaceSearchQuery.safeParse({ departement: '1' }))).toEqual(['departement:departement_code_format']);
    expect(messages(PlaceSearchQuery.safeParse({ q: 'x'.repeat(101) }))).toEqual(['q:query_too_long']);
    expect(PlaceExportQuery.safeParse({ page: '2' }).success).toBe(true);
  });

  it('drops the empty fields a GET form sends', () => {
    expect(withoutEmptyValues({ q: '', near: '13019', radiusKm: ' ', service: ['', 'kitchen'], kind: ['', ''] })).toEqual({
      near: '13019',
      service: 'kitchen',
    });
  });
});

describe('place input', () => {
  it('requires name, kind and commune to create, nothing to update', () => {
    expect(messages(PlaceInput.safeParse({})).sort()).toEqual(['communeCode:commune_code_format', 'kind:place_kind_invalid', 'name:place_name_required']);
    expect(PlacePatch.safeParse({}).success).toBe(true);
    expect(messages(PlacePatch.safeParse({ desks: -1, openingHours: 'jamais' }))).toEqual([
      'desks:place_desks_invalid',
      'openingHours:place_opening_hours_invalid',
    ]);
    // Prices are not fields of a place (its offers are): the strict contract does not know them.
    expect(PlacePatch.safeParse({ dayPrice: 12 }).success).toBe(false);
  });
});

describe('OpenAPI', () => {
  it('describes GET /places, /places/{idOrSlug}, its photos, /places.geojson and /places.csv', () => {
    const document = createDocument({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: placesPaths });
    expect(Object.keys(document.paths ?? {})).toEqual(['/places', '/places/{idOrSlug}', '/places/{idOrSlug}/photos', '/places/{idOrSlug}/photos/{photoId}', '/places.geojson', '/places.csv']);
    const parameters = (document.paths?.['/places']?.get?.parameters ?? []) as { name: string }[];
    expect(parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'near', 'radiusKm', 'service', 'openOn', 'page', 'perPage']));
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(expect.arrayContaining(['PlaceItem', 'PlaceList', 'Place', 'PlaceFeatureCollection']));
  });
});
