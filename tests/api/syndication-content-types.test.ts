import path from 'path';
import { createStrapi } from '@strapi/strapi';
import { applyTestEnvironment, prepareDatabase, ROOT } from '../helpers/strapi';

/**
 * Boots the app with one of syndication's `contentTypes` changed and returns why the boot
 * stopped (or null when it did not).
 *
 * The override goes between the two halves of `load()` (`register()`, then `bootstrap()`, both
 * public). Setting it before `load()` would not take effect: `register()` loads the plugins and
 * sets `plugin::syndication` to the merged config/plugins.ts config as a whole (@strapi/core,
 * domain/module `load()`), replacing anything set earlier. The plugin checks its types at the
 * start of its bootstrap, so the override set after `register()` is the config it checks.
 */
const bootWith = async (key: string, uid: string): Promise<Error | null> => {
  applyTestEnvironment();
  const dropDatabase = await prepareDatabase();
  const app = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  try {
    await app.register();
    app.config.set(`plugin::syndication.contentTypes.${key}`, uid);
    await app.bootstrap();
    return null;
  } catch (error) {
    return error as Error;
  } finally {
    await app.destroy();
    await dropDatabase();
  }
};

describe('syndication contentTypes are checked at boot', () => {
  it('stops the boot when a configured uid is not a content type, naming the key and the uid', async () => {
    const error = await bootWith('story', 'api::nope.nope');
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toContain('contentTypes.story ("api::nope.nope") is not a content type of this app');
  });

  it('stops the boot when a configured type lacks an attribute the plugin reads, naming it', async () => {
    // Topics have a name and a slug, but no website.
    const error = await bootWith('organisation', 'api::topic.topic');
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toContain('contentTypes.organisation ("api::topic.topic") lacks the attribute(s) website');
  });
});
