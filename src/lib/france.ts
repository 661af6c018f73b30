// Where France is, for the pins of places: metropolitan France with Corsica, and the overseas départements
// (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte), each as a box a little wider than its communes'
// centres. Shared by the server (which refuses a point outside) and the place form's map (which says so
// before sending). A box is coarse: a point in a neighbouring country near the border passes here, and the
// distance to the place's commune (server side) refuses it.

interface Box {
  south: number;
  north: number;
  west: number;
  east: number;
}

export const FRANCE_BOXES: readonly Box[] = [
  { south: 42.3, north: 51.2, west: -5.3, east: 8.3 }, // metropolitan France (Catalonia and the Balearics left out)
  { south: 41.3, north: 43.1, west: 8.5, east: 9.7 }, // Corsica
  { south: 15.8, north: 16.6, west: -61.9, east: -60.95 }, // Guadeloupe
  { south: 14.35, north: 14.9, west: -61.3, east: -60.75 }, // Martinique
  { south: 2.1, north: 5.85, west: -54.65, east: -51.55 }, // Guyane
  { south: -21.42, north: -20.85, west: 55.2, east: 55.85 }, // La Réunion
  { south: -13.05, north: -12.55, west: 44.95, east: 45.35 }, // Mayotte
];

/** The point lies in one of France's boxes. */
export const inFrance = (lat: number, lon: number): boolean =>
  FRANCE_BOXES.some((box) => lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east);
