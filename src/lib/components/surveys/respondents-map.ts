// Respondents by commune at commune centres, coloured by representation against the population, on the
// site's one base map. A protected count ("< 5", or hidden) is drawn at one small size, so its disc tells
// nothing more than the table beside it.
import { env } from '$env/dynamic/public';
import { m } from '$lib/paraglide/messages.js';
import { mapTiles } from '$lib/map-tiles';
import { shownText } from '$lib/survey-shown';
import type { RespondentsCommune } from './representation';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { addBaseMap, textElement } from '../places/leaflet-base';
import { representationOf } from './representation';

export type { RespondentsCommune } from './representation';

const COLOURS = { over: '#9a3412', under: '#1d4ed8', near: '#1d5c4d', protected: '#6b7280' };

export async function drawRespondentsMap(container: HTMLElement, communes: RespondentsCommune[], isDestroyed: () => boolean): Promise<() => void> {
  const tiles = mapTiles(env.PUBLIC_MAP_TILE_URL, env.PUBLIC_MAP_TILE_ATTRIBUTION);
  const answered = communes.filter((c) => c.count.kind !== 'count' || c.count.value > 0);
  if (isDestroyed() || answered.length === 0) return () => {};
  const map = L.map(container, { center: [46.6, 2.4], zoom: 5, maxZoom: 14, attributionControl: false });
  L.control.scale({ imperial: false }).addTo(map);
  addBaseMap(L, map, tiles, communes.slice(0, 30));
  const most = Math.max(1, ...answered.map((c) => (c.count.kind === 'count' ? c.count.value : 0)));
  for (const commune of answered) {
    const kind = representationOf(commune.ratio);
    // By area (the eye reads a disc's surface); a protected count at the smallest size.
    const radius = commune.count.kind === 'count' ? Math.max(5, 24 * Math.sqrt(commune.count.value / most)) : 5;
    const text =
      commune.share === null
        ? m.survey_map_popup_protected({ name: commune.name, count: shownText(commune.count) })
        : m.survey_map_popup({ name: commune.name, count: shownText(commune.count), share: String(commune.share), population: String(commune.populationShare) });
    L.circleMarker([commune.lat, commune.lon], { radius, color: COLOURS[kind], weight: 1, fillOpacity: kind === 'protected' ? 0.15 : 0.5 })
      .bindPopup(textElement('span', text))
      .addTo(map);
  }
  map.fitBounds(L.latLngBounds(communes.map((c) => [c.lat, c.lon] as [number, number])), { padding: [24, 24], maxZoom: 11 });
  return () => map.remove();
}
