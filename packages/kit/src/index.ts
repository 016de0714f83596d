export {
  isNotModified,
  keptOnNotModified,
  notModified,
  entityTags,
  weakMatch,
  type ConditionalContext,
  type ConditionalRequest,
  type Validators,
} from './conditional-request';
export { toIso, type DateLike } from './dates';
export { isKnownLicence, licenceUrl, LICENCES } from './licences';
export { locales, type Locales } from './locales';
export { grantReadersOnce, READER_ROLES } from './permissions';
export { escapeJsonForScript, isJsonMediaType, stringifyForScript } from './script-safe-json';
export { publicBaseUrl, restPrefix } from './urls';
export { invalid, validate, validateSync, validationError, type Problem } from './validation';
export { negotiatedGraphqlType } from './graphql-media-type';
export { cacheHints, renderedCache, type CacheHints, type RenderedCache } from './cache-hints';
export { checkContentTypes, type AttributeNeed } from './content-types';
export {
  formatLocalTime,
  isKnownTimeZone,
  parseLocalTime,
  resolveLocalTime,
  toOffsetDateTime,
  wallClock,
  type LocalTime,
  type WallClock,
  type ZonedResolution,
} from './zoned-time';
