// Proportional symbols at commune centres (desks; population out of reach), on the site's one base map.
import { env } from '$env/dynamic/public';
import { m } from '$lib/paraglide/messages.js';
import { mapTiles } from '$lib/map-tiles';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { addBaseMap, textElement } from '../places/leaflet-base';

import type { MapSymbol } from '$lib/server/observatory/view';

export type { MapSymbol };

/** Radius in px for a value, by area (the eye reads a disc's surface): the largest value gets `max` px. */
const radius = (value: number, largest: number, max: number): number => (largest > 0 ? Math.max(3, max * Math.sqrt(value / largest)) : 0);

export async function drawSymbolsMap(container: HTMLElement, symbols: MapSymbol[], isDestroyed: () => boolean): Promise<() => void> {
  const tiles = mapTiles(env.PUBLIC_MAP_TILE_URL, env.PUBLIC_MAP_TILE_ATTRIBUTION);
  if (isDestroyed() || symbols.length === 0) return () => {};
  const map = L.map(container, { center: [46.6, 2.4], zoom: 5, maxZoom: 14, attributionControl: false });
  L.control.scale({ imperial: false }).addTo(map);
  addBaseMap(L, map, tiles, symbols.slice(0, 30));
  const mostDesks = Math.max(...symbols.map((s) => s.desks));
  const mostOut = Math.max(...symbols.map((s) => s.outOfReach));
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
  map.fitBounds(L.latLngBounds(symbols.map((s) => [s.lat, s.lon] as [number, number])), { padding: [24, 24], maxZoom: 11 });
  return () => map.remove();
}
