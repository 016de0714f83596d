import type { Core } from '@strapi/strapi';
import { isKnownLicence, LICENCES, validationError } from '@union-comms/kit';
import { EVENT, GUIDE, ORGANISATION, PARTICIPANT, STORY } from '../domain/uids';
import { hasForbiddenUrlCharacter, httpUrlHref, isCountryCode, isIsbn, isTimeZone } from './codes';

type Data = Record<string, unknown>;
type Problem = { path: string[]; message: string };

const isObject = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Values that are present and not empty: the only ones a rule has something to say about. */
const present = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

const checkCountry = (value: unknown, path: string[], problems: Problem[]) => {
  if (present(value) && !isCountryCode(value)) {
    problems.push({ path, message: `"${value}" is not an ISO 3166-1 alpha-2 country code (e.g. KZ, IT)` });
  }
};

/**
 * A URL attribute (`data[key]`, at `path`) must be an absolute http(s) URL with no character
 * that could break out of where it is served; it is stored normalised (`new URL(value).href`),
 * so every reader gets the form a browser would use.
 */
const checkUrl = (data: Data, key: string, path: string[], problems: Problem[]) => {
  const value = data[key];
  if (!present(value)) return;
  if (hasForbiddenUrlCharacter(value)) {
    problems.push({
      path,
      message: `${path.join('.')} contains a character a URL may not carry (a control character, white space, a quote, an angle bracket or a backslash)`,
    });
    return;
  }
  const href = httpUrlHref(value);
  if (href === null) problems.push({ path, message: `"${value}" is not an absolute http(s) URL` });
  else data[key] = href;
};

const toTime = (value: unknown): number | undefined => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && value) {
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
};

/** Rules per content type over the data of a create or update (which may be partial). */
const rules: Record<string, (data: Data, problems: Problem[]) => void> = {
  [ORGANISATION]: (data, problems) => {
    checkCountry(data.country, ['country'], problems);
    checkUrl(data, 'website', ['website'], problems);
  },
  [PARTICIPANT]: (data, problems) => {
    checkCountry(data.country, ['country'], problems);
  },
  [EVENT]: (data, problems) => {
    if (data.timeZone !== undefined && !(present(data.timeZone) && isTimeZone(data.timeZone))) {
      problems.push({ path: ['timeZone'], message: `"${String(data.timeZone)}" is not an IANA time zone (e.g. Europe/Rome)` });
    }
    if (isObject(data.venue)) checkCountry(data.venue.country, ['venue', 'country'], problems);
    checkUrl(data, 'onlineUrl', ['onlineUrl'], problems);
    const starts = toTime(data.startsAt);
    const ends = toTime(data.endsAt);
    if (starts !== undefined && ends !== undefined && ends < starts) {
      problems.push({ path: ['endsAt'], message: 'endsAt must not be before startsAt' });
    }
  },
  [STORY]: (data, problems) => {
    if (data.licence !== undefined && !(present(data.licence) && isKnownLicence(data.licence))) {
      problems.push({
        path: ['licence'],
        message: `"${String(data.licence)}" is not a supported licence; use one of ${Object.keys(LICENCES).join(', ')}`,
      });
    }
    checkUrl(data, 'canonicalUrl', ['canonicalUrl'], problems);
    if (isObject(data.source)) checkUrl(data.source, 'url', ['source', 'url'], problems);
  },
  [GUIDE]: (data, problems) => {
    if (present(data.isbn) && !isIsbn(data.isbn)) {
      problems.push({ path: ['isbn'], message: `"${data.isbn}" is not a valid ISBN-10 or ISBN-13` });
    }
  },
};

/**
 * Validates one document's data; throws Strapi's ValidationError (a 400 for API clients). URL
 * attributes of valid data are rewritten in place to their normalised form.
 */
export const validateDocumentData = (uid: string, data: unknown): void => {
  const rule = rules[uid];
  if (!rule || !isObject(data)) return;
  const problems: Problem[] = [];
  rule(data, problems);
  if (problems.length > 0) {
    throw validationError(problems);
  }
};

/**
 * Runs the rules on every create and update that goes through the document service: the
 * admin panel, the REST and GraphQL APIs, the seed and plugins alike.
 */
export const registerDocumentValidation = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    if (context.action === 'create' || context.action === 'update') {
      const params = context.params as { data?: unknown };
      validateDocumentData(context.uid, params.data);
      if (context.uid === EVENT && context.action === 'update' && isObject(params.data)) {
        await checkEventRangeAgainstStored(strapi, params as { documentId?: string; locale?: string; data: Data });
      }
    }
    return next();
  });
};

/** An update that moves only one end of an event is checked against the other end as stored. */
const checkEventRangeAgainstStored = async (strapi: Core.Strapi, params: { documentId?: string; locale?: string; data: Data }) => {
  const { data, documentId } = params;
  const hasStart = data.startsAt !== undefined;
  const hasEnd = data.endsAt !== undefined;
  if (hasStart === hasEnd || !documentId) return;
  const stored = await strapi.db.query(EVENT).findOne({ where: { documentId }, select: ['startsAt', 'endsAt'] });
  if (!stored) return;
  validateDocumentData(EVENT, { startsAt: data.startsAt ?? stored.startsAt, endsAt: data.endsAt ?? stored.endsAt });
};
