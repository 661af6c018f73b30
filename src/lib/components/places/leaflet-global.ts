// leaflet.markercluster extends the global `L` when it is evaluated: this module, imported just before it,
// makes Leaflet that global.
import L from 'leaflet';

(window as unknown as { L: typeof L }).L = L;
