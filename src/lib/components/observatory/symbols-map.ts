// Proportional symbols at commune centres (desks; population out of reach), on the site's one base map, over
// a choropleth of the communes whose contours are loaded (distance to the nearest open place). Every label is
// a text node: names come from the database.
import { env } from '$env/dynamic/public';
import { m } from '$lib/paraglide/messages.js';
import { mapTiles } from '$lib/map-tiles';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { addBaseMap, textElement } from '../places/leaflet-base';

import type { MapSymbol } from '$lib/server/observatory/view';
import type { ContourFeature } from '$lib/server/observatory';

export type { MapSymbol };

/** Fill of each class of reach: within 10 km, 15, 30, farther (the legend and the table beside use the same). */
export const CLASS_COLOURS = ['#2f7d5b', '#9cc5a1', '#e8c27a', '#b5532a'] as const;

/** Radius in px for a value, by area (the eye reads a disc's surface): the largest value gets `max` px. */
const radius = (value: number, largest: number, max: number): number => (largest > 0 ? Math.max(3, max * Math.sqrt(value / largest)) : 0);

export async function drawSymbolsMap(
  container: HTMLElement,
  symbols: MapSymbol[],
  contoursUrl: string | null,
  formatKm: (km: number | null) => string,
  isDestroyed: () => boolean,
): Promise<() => void> {
  const tiles = mapTiles(env.PUBLIC_MAP_TILE_URL, env.PUBLIC_MAP_TILE_ATTRIBUTION);
  const contours = contoursUrl ? ((await (await fetch(contoursUrl)).json()) as { features: ContourFeature[] }).features : [];
  if (isDestroyed() || (symbols.length === 0 && contours.length === 0)) return () => {};
  const map = L.map(container, { center: [46.6, 2.4], zoom: 5, maxZoom: 14, attributionControl: false });
  L.control.scale({ imperial: false }).addTo(map);
  addBaseMap(L, map, tiles, symbols.slice(0, 30));
  let bounds = L.latLngBounds([]);
  if (contours.length > 0) {
    const layer = L.geoJSON(contours as unknown as GeoJSON.Feature[], {
      style: (feature) => ({ className: 'contour', color: '#ffffff', weight: 0.8, fillColor: CLASS_COLOURS[(feature?.properties as ContourFeature['properties']).reachClass], fillOpacity: 0.7 }),
      onEachFeature: (feature, shape) => {
        const p = feature.properties as ContourFeature['properties'];
        shape.bindPopup(textElement('span', m.observatory_popup_contour({ name: p.name, distance: formatKm(p.nearestOpenKm) })));
      },
    }).addTo(map);
    bounds = layer.getBounds();
  }
  const mostDesks = Math.max(0, ...symbols.map((s) => s.desks));
  const mostOut = Math.max(0, ...symbols.map((s) => s.outOfReach));
  for (const symbol of symbols) {
    if (symbol.outOfReach > 0) {
      L.circleMarker([symbol.lat, symbol.lon], { radius: radius(symbol.outOfReach, mostOut, 22), color: '#9a3412', weight: 1, fillOpacity: 0.35 })
        .bindPopup(textElement('span', m.observatory_popup_out({ name: symbol.name, population: symbol.outOfReach })))
        .addTo(map);
    }
    if (symbol.desks > 0) {
      L.circleMarker([symbol.lat, symbol.lon], { radius: radius(symbol.desks, mostDesks, 26), color: '#1d5c4d', weight: 1, fillOpacity: 0.55 })
        .bindPopup(textElement('span', m.observatory_popup_desks({ name: symbol.name, desks: symbol.desks })))
        .addTo(map);
    }
  }
  if (contours.length === 0) bounds = L.latLngBounds(symbols.map((s) => [s.lat, s.lon] as [number, number]));
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 11 });
  return () => map.remove();
}
