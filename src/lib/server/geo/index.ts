// The geographic kernel shared by the domains: one distance, one reading of a location, one set of radius
// limits, the SQL of nearest queries. It reads no table: resolving a commune code is the territory's job.
export { distanceKm, EARTH_RADIUS_KM, isValidLatLon, roundKm, type LatLon } from './distance.ts';
export { checkPoint, INSEE_CODE, locationParam, parseLocation, type Location } from './location.ts';
export { checkRadius, DEFAULT_RADIUS_KM, MAX_RADIUS_KM, NEARBY_PLACES_KM, radiusParam } from './radius.ts';
export { earthPoint, greatCircleMeters, inEarthBox, nearestFirst, roundedKm } from './sql.ts';
