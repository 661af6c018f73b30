/** Plan IGN, the national open base map (Géoplateforme WMTS, Licence Ouverte, no key). */
export const PLAN_IGN_URL =
  'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}';
export const PLAN_IGN_CREDIT = '© IGN – Plan IGN';
export const PLAN_IGN_CREDIT_URL = 'https://www.ign.fr/';

export interface MapTiles {
  /** A Leaflet URL template ({z}, {x}, {y}). */
  url: string;
  /** The credit line, as text. */
  credit: string;
  creditUrl: string | null;
}

/**
 * The base map from PUBLIC_MAP_TILE_URL: Plan IGN when unset, none when `none`, otherwise the given template
 * credited with PUBLIC_MAP_TILE_ATTRIBUTION.
 */
export function mapTiles(url: string | undefined, attribution: string | undefined): MapTiles | null {
  const template = url?.trim() ?? '';
  if (template === '') return { url: PLAN_IGN_URL, credit: PLAN_IGN_CREDIT, creditUrl: PLAN_IGN_CREDIT_URL };
  if (template.toLowerCase() === 'none') return null;
  return { url: template, credit: attribution?.trim() ?? '', creditUrl: null };
}
