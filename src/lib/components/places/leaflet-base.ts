import type { MapTiles } from '$lib/map-tiles';

// What every map of the site shares (the directory's map, the place form's pin map): the base map (Plan IGN
// by default, see map-tiles.ts) credited by a control built from elements, commune names drawn by the app
// while the tiles are off, loading or unreachable, and icons named for screen readers. Nothing here takes
// HTML: names come from the database and are set as text.

type Leaflet = typeof import('leaflet');

/** A text element: names come from the database, so they are never read as HTML. */
export function textElement(tag: string, text: string, className?: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

/** An icon whose element is named for screen readers (Leaflet makes it a button when it can be focused). */
export function namedIconOf(L: Leaflet) {
  const NamedIcon = L.DivIcon.extend({
    createIcon(this: import('leaflet').DivIcon & { name: string }, old?: HTMLElement) {
      const element = L.DivIcon.prototype.createIcon.call(this, old);
      element.setAttribute('aria-label', this.name);
      return element;
    },
  }) as unknown as new (options: import('leaflet').DivIconOptions) => import('leaflet').DivIcon & { name: string };
  return (name: string, options: import('leaflet').DivIconOptions) => Object.assign(new NamedIcon(options), { name });
}

/**
 * The base map under `map`: the tiles and their credit, and the names of the communes given at their
 * points, shown until the tiles load and again when one fails (the tiles name the communes themselves).
 */
export function addBaseMap(L: Leaflet, map: import('leaflet').Map, tiles: MapTiles | null, communes: { name: string; lat: number; lon: number }[]) {
  const communeLabels = L.layerGroup();
  const labelled = new Set<string>();
  for (const commune of communes) {
    if (labelled.has(commune.name)) continue;
    labelled.add(commune.name);
    communeLabels.addLayer(
      L.marker([commune.lat, commune.lon], {
        icon: L.divIcon({ html: textElement('span', commune.name), className: 'commune-label', iconSize: undefined, iconAnchor: [-4, -10] }),
        interactive: false,
        keyboard: false,
      }),
    );
  }
  communeLabels.addTo(map);
  if (!tiles) return;
  const layer = L.tileLayer(tiles.url, { maxZoom: 18 });
  let failed = false;
  layer.on('tileerror', () => {
    failed = true;
    communeLabels.addTo(map);
  });
  layer.on('load', () => {
    if (!failed) communeLabels.remove();
  });
  layer.addTo(map);
  const credit = new (L.Control.extend({
    onAdd() {
      const element = L.DomUtil.create('div', 'leaflet-control-attribution');
      if (tiles.creditUrl) {
        const link = textElement('a', tiles.credit) as HTMLAnchorElement;
        link.href = tiles.creditUrl;
        element.append(link);
      } else element.textContent = tiles.credit;
      return element;
    },
  }))({ position: 'bottomright' });
  map.addControl(credit);
}
