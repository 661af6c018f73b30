// The places map, drawn with Leaflet: fetched by PlacesMap.svelte only when a page shows a map, so that the
// pages without one carry neither this code nor Leaflet's (their page weight budgets).
import { env } from '$env/dynamic/public';
import { m } from '$lib/paraglide/messages.js';
import { mapTiles } from '$lib/map-tiles';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './leaflet-global';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import { addBaseMap, namedIconOf, textElement } from './leaflet-base';

export interface MapPlace {
  slug: string;
  name: string;
  communeName: string;
  lat: number;
  lon: number;
}

export interface PlacesMapOptions {
  /** The places to show: from a GeoJSON address (same filters as the list beside the map), or given. */
  geojsonUrl?: string;
  places?: MapPlace[];
  /** The place the page is about: its pin stands out, with its name and no link. */
  current?: string;
}

/** Draws the map in `container`; returns what removes it. `isDestroyed`: the component went while loading. */
export async function drawPlacesMap(container: HTMLElement, { geojsonUrl, places, current }: PlacesMapOptions, isDestroyed: () => boolean): Promise<() => void> {
  const tiles = mapTiles(env.PUBLIC_MAP_TILE_URL, env.PUBLIC_MAP_TILE_ATTRIBUTION);
  if (isDestroyed()) return () => {};
  // Leaflet's own credit control takes HTML: the credit line is a control built from elements instead.
  const map = L.map(container, { center: [46.6, 2.4], zoom: 5, maxZoom: 18, attributionControl: false });
  L.control.scale({ imperial: false }).addTo(map);

  const namedIcon = namedIconOf(L);

  let shown = places ?? [];
  if (geojsonUrl) {
    const response = await fetch(geojsonUrl);
    if (!response.ok || isDestroyed()) return () => map.remove();
    const collection = (await response.json()) as {
      features: { geometry: { coordinates: [number, number] }; properties: { slug: string; name: string; communeName: string } }[];
    };
    shown = collection.features.map(({ geometry, properties }) => ({ ...properties, lon: geometry.coordinates[0], lat: geometry.coordinates[1] }));
  }

  // Commune names near the places: the map still reads while the tiles are off, loading or unreachable.
  addBaseMap(
    L,
    map,
    tiles,
    shown.map((place) => ({ name: place.communeName, lat: place.lat, lon: place.lon })),
  );

  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    iconCreateFunction: (group) => {
      const count = group.getChildCount();
      const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
      const inner = document.createElement('div');
      inner.append(textElement('span', String(count)));
      return namedIcon(m.map_cluster_label({ count }), { html: inner, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
    },
  });
  for (const place of shown) {
    const name = `${place.name} — ${place.communeName}`;
    if (place.slug === current) {
      // Outside the clusters, so that it always shows.
      L.marker([place.lat, place.lon], { icon: namedIcon(name, { className: 'place-pin current', iconSize: L.point(26, 26) }), title: name })
        .bindPopup(textElement('strong', name))
        .addTo(map);
      continue;
    }
    const link = textElement('a', name) as HTMLAnchorElement;
    link.href = `/lieux/${place.slug}`;
    cluster.addLayer(L.marker([place.lat, place.lon], { icon: namedIcon(name, { className: 'place-pin', iconSize: L.point(20, 20) }), title: name }).bindPopup(link));
  }
  map.addLayer(cluster);
  if (shown.length > 0) map.fitBounds(L.latLngBounds(shown.map((place) => [place.lat, place.lon])), { maxZoom: 12, padding: [20, 20] });
  return () => map.remove();
}
