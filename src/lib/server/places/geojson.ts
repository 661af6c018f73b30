import type { Db } from '../db/database.ts';
import { CSV_LICENCE, CSV_LICENCE_URL } from './csv.ts';
import type { PlaceItem } from './queries.ts';
import { placeFeaturesJson } from './exports.ts';
import type { PlaceSearch } from './search.ts';

export interface PlaceFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: PlaceItem;
}

export interface PlaceFeatureCollection {
  type: 'FeatureCollection';
  /** A foreign member (RFC 7946 §6.1): licence and source of the data. */
  metadata: {
    title: string;
    licence: string;
    licenceUrl: string;
    source: string;
    generatedAt: string;
    count: number;
    /** Places whose point is their commune's (`coordinatesExact` false) are placed approximately. */
    note: string;
  };
  features: PlaceFeature[];
}

export function placeFeature(item: PlaceItem): PlaceFeature {
  return { type: 'Feature', id: item.id, geometry: { type: 'Point', coordinates: [item.lon, item.lat] }, properties: item };
}

export interface GeoJsonOptions {
  source?: string;
  now?: Date;
}

/**
 * The places matching the filters (every page) as the text of a GeoJSON FeatureCollection of points
 * (WGS 84, [lon, lat]), with a `metadata` member stating the licence. Serve it as `application/geo+json`.
 */
export async function placesGeoJsonText(db: Db, search: PlaceSearch = {}, options: GeoJsonOptions = {}): Promise<string> {
  const { json, count } = await placeFeaturesJson(db, search);
  const metadata: PlaceFeatureCollection['metadata'] = {
    title: 'Maillage — tiers-lieux et espaces de coworking',
    licence: CSV_LICENCE,
    licenceUrl: CSV_LICENCE_URL,
    source: options.source ?? 'Maillage',
    generatedAt: (options.now ?? new Date()).toISOString(),
    count,
    note: 'coordinatesExact=false: the point is the commune’s, not the place’s.',
  };
  return `{"type":"FeatureCollection","metadata":${JSON.stringify(metadata)},"features":${json}}`;
}

/** The same as an object. */
export async function placesGeoJson(db: Db, search: PlaceSearch = {}, options: GeoJsonOptions = {}): Promise<PlaceFeatureCollection> {
  return JSON.parse(await placesGeoJsonText(db, search, options)) as PlaceFeatureCollection;
}
