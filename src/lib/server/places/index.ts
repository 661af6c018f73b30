// The directory of places: coworking spaces, télécentres, fablabs, tiers-lieux, across operators.
// Its rules join the one `can` as soon as the domain is loaded.
import './access.ts';
// The table other domains read a place's name, slug and operator from.
export { places } from './schema.ts';
export { idOrSlug } from './contracts.ts';
export { getPlace, findPlace, placeHistoryOf, type Place, type PlaceHistoryEntry } from './service.ts';
export { createPlace, updatePlace, setPlacePrices, type PlaceWriteOptions, type PlacePriceFigures } from './writes.ts';
export {
  searchPlaces,
  nearestPlaces,
  textQuery,
  DEFAULT_NEAREST,
  DEFAULT_PER_PAGE,
  DEFAULT_STATUSES,
  MAX_PER_PAGE,
  MAX_QUERY_LENGTH,
  type PlaceSearch,
  type PlaceSearchResult,
  type ResolvedNear,
} from './search.ts';
export { placesOfArea, type AreaPlaces, type PlaceArea } from './areas.ts';
export { placeFacts, type PlaceFact } from './facts.ts';
export type { PlaceItem } from './queries.ts';
export { networkSummary, type NetworkSummary } from './summary.ts';
export {
  createPlaceAs,
  updatePlaceAs,
  placeHistoryAs,
  placeForEditing,
  placeRights,
  placeVersionTag,
  canCreatePlace,
  operatorChoices,
  operatorsForNewPlace,
  type OperatorChoice,
  type PlaceEditOptions,
  type PlaceEditor,
  type PlaceHistoryView,
} from './editing.ts';
export {
  communePickerOf,
  formValuesOfPlace,
  newPlaceFormValues,
  placeInputOfForm,
  placeInputOfFormWithCommune,
  placePriceFigures,
  PLACE_FORM_LIMITS,
  SERVICE_FIELD_PREFIX,
  type CommunePickerState,
  type PlaceFormLimits,
  type PlacePriceFiguresView,
} from './form.ts';
export {
  foldText,
  LIMITS as PLACE_LIMITS,
  PLACE_FIELD_NAMES,
  type PlaceChanges,
  type PlaceFields,
  type PlaceInput as PlaceInputData,
  type PlacePatch as PlacePatchData,
} from './model.ts';
export {
  isOpenOn,
  isValidOpeningHours,
  openIntervalsOn,
  type MinuteInterval,
  openDaysOf,
  openingHoursSummary,
  parseOpeningHours,
  validateOpeningHours,
  weekdaysOfMask,
  type OpeningHoursSummary,
  type OpeningInterval,
  type WeekdayHours,
} from './opening-hours.ts';
export {
  CSV_COLUMNS,
  CSV_DERIVED_COLUMNS,
  CSV_LICENCE,
  CSV_LICENCE_URL,
  CSV_REQUIRED_COLUMNS,
  importPlacesCsv,
  placesCsv,
  type PlaceImportOptions,
  type PlaceImportReport,
  type PlaceImportRow,
} from './csv.ts';
export { placesPrivacy } from './privacy.ts';
export { placeFeature, placesGeoJson, placesGeoJsonText, type GeoJsonOptions, type PlaceFeatureCollection } from './geojson.ts';
export { DEMO_EDITOR, DEMO_PLACES, generateSyntheticPlaces, removeSyntheticPlaces, seedDemoPlaces, type DemoPlacesReport, type DemoPrices } from './demo.ts';
export {
  operatorKinds,
  placeKinds,
  placeServices,
  placeStatuses,
  weekdays,
  type OperatorKind,
  type PlaceKind,
  type PlaceService,
  type PlaceStatus,
  type Weekday,
} from './schema.ts';
export {
  addPlacePhoto,
  coverPhotos,
  deletePlacePhoto,
  movePlacePhoto,
  photoUrl,
  photoVariantBytes,
  placePhotosForEditing,
  placePhotosOf,
  updatePlacePhotoText,
  withCoverPhotos,
  PHOTO_LIMITS,
  type PhotoMove,
  type PhotoUpload,
  type PhotoVariant,
  type PlacePhoto,
} from './photos.ts';
