import config from '../../plugins/search/server/src/config';

/** The search plugin's settings as config/plugins.ts gives them: a bad `maxHits` stops the boot with a message that names it. */
describe('search plugin config', () => {
  const contentTypes = { story: 'api::story.story' };

  it('takes maxHits from 1 to 100,000 and defaults it to 1,000', () => {
    expect(config.default).toEqual({ maxHits: 1000 });
    for (const maxHits of [1, 1000, 100_000]) expect(() => config.validator({ contentTypes, maxHits })).not.toThrow();
  });

  it.each([
    [0, 'maxHits must be at least 1'],
    [2.5, 'maxHits must be an integer'],
    [100_001, 'maxHits must be at most 100000'],
    ['many', 'maxHits must be a `number` type'],
  ])('refuses maxHits %p', (maxHits, message) => {
    expect(() => config.validator({ contentTypes, maxHits })).toThrow(message);
  });
});
