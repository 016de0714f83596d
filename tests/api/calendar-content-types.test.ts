import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import { applyTestEnvironment, prepareDatabase, ROOT } from '../helpers/strapi';

/**
 * The host app names the types the calendar reads (calendar.config.contentTypes); a wrong uid
 * or a type without an attribute the plugin reads stops the boot with an error naming both.
 *
 * A config override cannot be set before load(): Strapi reads config/plugins.js and writes
 * `plugin::calendar` into strapi.config while registering (loadPlugins), over anything set
 * earlier. load() is register() then bootstrap(), both public, and the plugin checks its types
 * at the start of its bootstrap; so the test registers, changes the loaded plugin config the
 * way a host's config would have, and expects bootstrap() — the rest of load() — to reject.
 */
const bootWith = async (override: (strapi: Core.Strapi) => void): Promise<unknown> => {
  applyTestEnvironment();
  const dropDatabase = await prepareDatabase();
  const strapi = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  try {
    await strapi.register();
    override(strapi);
    await strapi.bootstrap();
    return null;
  } catch (error) {
    return error;
  } finally {
    await strapi.destroy();
    await dropDatabase();
  }
};

test('a configured uid that is not a content type stops the boot, naming the key and the uid', async () => {
  const error = await bootWith((strapi) => strapi.config.set('plugin::calendar.contentTypes.event', 'api::nope.nope'));
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toBe('calendar config contentTypes.event: "api::nope.nope" is not a content type of this app');
});

test('a configured type without an attribute the calendar reads stops the boot, naming the attributes', async () => {
  // The story type has a slug and a title but none of an event's dates, venue or participations.
  const error = await bootWith((strapi) => strapi.config.set('plugin::calendar.contentTypes.event', 'api::story.story'));
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).toMatch(/^calendar config contentTypes\.event: "api::story\.story" lacks attribute\(s\) the calendar reads: /);
  for (const attribute of ['startsAt', 'endsAt', 'timeZone', 'venue', 'organisers', 'participations']) expect(message).toContain(attribute);
  expect(message).not.toMatch(/\bslug\b|\btitle\b/);
});
