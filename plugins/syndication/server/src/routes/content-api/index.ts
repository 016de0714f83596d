/**
 * Feeds are public by design: partner federations and feed readers subscribe without an
 * account. Access still goes through users-permissions (the Public role is granted these
 * actions at bootstrap), so an administrator can withdraw it in the admin panel.
 */
const feedRoute = (extension: 'rss' | 'atom' | 'json') => ({
  method: 'GET' as const,
  path: `/feeds/stories.${extension}`,
  handler: `feeds.${extension}`,
  // The same answer for every public client: the public-cache plugin may keep it.
  config: { policies: [], publicCache: true },
});

export default {
  type: 'content-api' as const,
  routes: [
    feedRoute('rss'),
    feedRoute('atom'),
    feedRoute('json'),
    // A partner's signed push: public on purpose, the Standard Webhooks signature is the
    // authentication (controllers/inbox; the bytes are read raw by middlewares/inbox).
    { method: 'POST' as const, path: '/inbox/:inboxId', handler: 'inbox.receive', config: { auth: false as const, policies: [] } },
  ],
};
