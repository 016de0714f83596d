import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import config from '../../plugins/structured-data/server/src/config';
import { validateContentTypes } from '../../plugins/structured-data/server/src/utils/content-types';
import { applyTestEnvironment, prepareDatabase, ROOT } from '../helpers/strapi';

/**
 * The host app names the types the structured-data plugin reads
 * (`structured-data.config.contentTypes`); a wrong uid or a type without an attribute the plugin
 * reads stops the boot with an error naming both. As in calendar-content-types.test.ts: Strapi
 * writes the plugin's config while registering, so the test registers, changes the loaded config
 * the way a host's config would have, and expects bootstrap() (where the plugin checks first) to
 * reject. The app is registered once for the file (registering twice in one process is refused
 * by a plugin's own register); the other cases run that same check on the registered app.
 */
let strapi: Core.Strapi;
let dropDatabase: () => Promise<void>;
const TYPES_KEY = 'plugin::structured-data.contentTypes';
const CONTENT_TYPES = { story: 'api::story.story', guide: 'api::guide.guide', organisation: 'api::organisation.organisation', topic: 'api::topic.topic' };

beforeAll(async () => {
  applyTestEnvironment();
  dropDatabase = await prepareDatabase();
  strapi = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  await strapi.register();
});

afterAll(async () => {
  await strapi.destroy();
  await dropDatabase();
});

/** The error the check raises with `contentTypes` changed as given, or null. */
const checkWith = (changes: Partial<Record<keyof typeof CONTENT_TYPES, string>>): unknown => {
  strapi.config.set(TYPES_KEY, { ...CONTENT_TYPES, ...changes });
  try {
    validateContentTypes(strapi);
    return null;
  } catch (error) {
    return error;
  } finally {
    strapi.config.set(TYPES_KEY, CONTENT_TYPES);
  }
};

test('a configured uid that is not a content type stops the boot, naming the key and the uid', async () => {
  strapi.config.set(`${TYPES_KEY}.guide`, 'api::nope.nope');
  await expect(strapi.bootstrap()).rejects.toThrow(new Error('structured-data config contentTypes.guide: "api::nope.nope" is not a content type of this app'));
  strapi.config.set(TYPES_KEY, CONTENT_TYPES);
});

test('the app config passes the check', () => {
  expect(checkWith({})).toBeNull();
});

test('a configured type without an attribute the plugin reads is refused, naming the attributes', () => {
  // An event has a slug, a title and topics, but no lead, licence, publisher or source.
  const error = checkWith({ story: 'api::event.event' });
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).toMatch(/^structured-data config contentTypes\.story: "api::event\.event" lacks attribute\(s\) the plugin reads: /);
  for (const attribute of ['lead', 'canonicalUrl', 'licence', 'publisher', 'source']) expect(message).toContain(attribute);
  expect(message).not.toMatch(/\bslug\b|\btitle\b|\btopics\b/);
});

test('a relation to a type other than the configured one is named with the type it must target', () => {
  // A story's `topics` is a relation to topics: with organisations configured as the topic type it does not fit.
  const error = checkWith({ topic: 'api::organisation.organisation' });
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toBe(
    'structured-data config contentTypes.story: "api::story.story" lacks attribute(s) the plugin reads: topics (a relation to api::organisation.organisation)',
  );
});

describe('the config validator (run by Strapi when it loads the plugin)', () => {
  const valid = { ...config.default(), contentTypes: CONTENT_TYPES };

  it('accepts the app config', () => {
    expect(() => config.validator(valid)).not.toThrow();
  });

  it.each([
    ['without contentTypes', { maxAge: 300 }, /contentTypes is required/],
    ['without one of the types', { ...valid, contentTypes: { ...CONTENT_TYPES, topic: undefined } }, /contentTypes\.topic is required/],
    ['with an unknown key', { ...valid, cacheEverything: true }, /unspecified keys: cacheEverything/],
    ['with a negative maxAge', { ...valid, maxAge: -1 }, /maxAge/],
  ])('refuses a config %s', (_case, input, message) => {
    expect(() => config.validator(input)).toThrow(message);
  });
});
