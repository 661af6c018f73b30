import * as z from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { problemResponses } from '../http/openapi-common.ts';
import { CSV_COLUMNS } from './csv.ts';
import { idOrSlug, PhotoUploadQuery, Place, PlacePhoto, PlaceWithPhotos, PlaceExportQuery, PlaceFeatureCollection, PlaceInput, PlaceList, PlacePatch, PlaceSearchQuery } from './contracts.ts';

const versionHeader = z.string().meta({ description: "The place's version (`updatedAt`, quoted), as `ETag` gives it" });

const PRICES_NOTE =
  'A place\'s prices (`dayPrice`, `halfDayPrice`, `carnet10Price`, `monthPrice`) are not fields one sends: they ' +
  'are read from its offers (the lowest public price of each kind), set by its team in the booking console. A body ' +
  'holding one is refused (400, `place_prices_from_offers`, one issue per price field).';

/** The directory's part of the OpenAPI description, built from the same contracts the routes parse with. */
export const placesPaths: ZodOpenApiPathsObject = {
  '/places': {
    get: {
      summary: 'Search the directory of places (coworking spaces, télécentres, fablabs, tiers-lieux)',
      description:
        'Every filter given must hold. Sorted by distance when `near` is given (each item then has `distanceKm`), ' +
        'else by name. Closed places are left out unless `status` asks for them; synthetic places unless `includeSynthetic`.',
      tags: ['places'],
      requestParams: { query: PlaceSearchQuery },
      responses: {
        '200': { description: 'One page of matching places and the total', content: { 'application/json': { schema: PlaceList } } },
        ...problemResponses('400'),
      },
    },
    post: {
      summary: 'Create a place for an operator organization',
      description:
        'Signed in (session cookie) as a member of the operator organization named by `operatorOrganizationId` ' +
        '(any role), or as a platform administrator. `operatorName` defaults to the organization\'s name. ' +
        'Recorded in the place\'s history under the account. 404 when the organization is unknown or not yours, ' +
        '403 when it is not an operator. ' + PRICES_NOTE,
      tags: ['places'],
      requestBody: { required: true, content: { 'application/json': { schema: PlaceInput } } },
      responses: {
        '201': {
          description: 'The place created',
          headers: z.object({ location: z.string().meta({ description: 'Its URL in the API' }), etag: versionHeader }),
          content: { 'application/json': { schema: Place } },
        },
        ...problemResponses('400', '401', '403', '404', '409', '413', '415'),
      },
    },
  },
  '/places/{idOrSlug}': {
    get: {
      summary: 'One place by id or slug, with its photos',
      tags: ['places'],
      requestParams: { path: z.object({ idOrSlug }) },
      responses: {
        '200': {
          description: 'The place',
          headers: z.object({ etag: versionHeader }),
          content: { 'application/json': { schema: PlaceWithPhotos } },
        },
        ...problemResponses('404'),
      },
    },
    patch: {
      summary: 'Change some fields of a place',
      description:
        'Only the fields given change; null clears an optional field. Signed in as a member of the place\'s ' +
        'operator organization, or as a platform administrator (the only ones who may edit a place without operator). ' +
        'Moving it to another operator also takes membership of that one. Send `If-Match` with the `ETag` of the ' +
        'version read: a place changed since is a 409, and nothing is saved. Each change is recorded in the ' +
        'place\'s history under the account. ' + PRICES_NOTE,
      tags: ['places'],
      requestParams: { path: z.object({ idOrSlug }), header: z.object({ 'if-match': versionHeader.optional() }) },
      requestBody: { required: true, content: { 'application/json': { schema: PlacePatch } } },
      responses: {
        '200': { description: 'The place as saved', headers: z.object({ etag: versionHeader }), content: { 'application/json': { schema: Place } } },
        ...problemResponses('400', '401', '403', '404', '409', '413', '415'),
      },
    },
  },
  '/places/{idOrSlug}/photos': {
    post: {
      summary: 'Add a photo to a place',
      description:
        'The body is the image itself (JPEG, PNG or WebP, 10 MB at most), its type in `Content-Type`; the alt texts ' +
        'are query parameters. Checked by its content, turned upright, stripped of its metadata and kept at 320, 640 ' +
        'and 1280 px as WebP; added after the others (8 per place at most). Signed in as someone who may edit the ' +
        'place (its operator\'s team, platform administrators). Any other body type is a 415, a body over 11 MB a 413.',
      tags: ['places'],
      requestParams: { path: z.object({ idOrSlug }), query: PhotoUploadQuery },
      requestBody: {
        required: true,
        content: Object.fromEntries(['image/jpeg', 'image/png', 'image/webp'].map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])),
      },
      responses: {
        '201': { description: 'The photo added', content: { 'application/json': { schema: PlacePhoto } } },
        ...problemResponses('400', '401', '403', '404', '413', '415'),
      },
    },
  },
  '/places/{idOrSlug}/photos/{photoId}': {
    delete: {
      summary: 'Delete a photo of a place',
      description: 'The later photos move up. Signed in as someone who may edit the place.',
      tags: ['places'],
      requestParams: { path: z.object({ idOrSlug, photoId: z.uuid() }) },
      responses: { '204': { description: 'Deleted' }, ...problemResponses('401', '403', '404') },
    },
  },
  '/places.geojson': {
    get: {
      summary: 'The matching places as GeoJSON points (every page); Licence Ouverte 2.0',
      description: 'A FeatureCollection whose `metadata` member states the licence and source. Same filters as /places.',
      tags: ['places'],
      requestParams: { query: PlaceExportQuery },
      responses: {
        '200': { description: 'FeatureCollection', content: { 'application/geo+json': { schema: PlaceFeatureCollection } } },
        ...problemResponses('400'),
      },
    },
  },
  '/places.csv': {
    get: {
      summary: 'The matching places as CSV (every page); Licence Ouverte 2.0',
      description:
        'UTF-8 with BOM, comma-separated, RFC 4180 quoting, lists separated by `|`. Columns follow the French ' +
        `médiation numérique data schema where it has the field: ${CSV_COLUMNS.join(', ')}. ` +
        'The same file can be imported back (`maillage places import`).',
      tags: ['places'],
      requestParams: { query: PlaceExportQuery },
      responses: {
        '200': { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } },
        ...problemResponses('400'),
      },
    },
  },
};
