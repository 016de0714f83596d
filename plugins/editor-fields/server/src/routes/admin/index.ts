/**
 * Admin API (prefix `/editor-fields`): what the admin's inputs need from the server. Any signed-in
 * administrator: every editor who may edit a story needs the licence list to pick one.
 */
export default {
  type: 'admin' as const,
  routes: [
    {
      method: 'GET' as const,
      path: '/licences',
      handler: 'licences.find',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
  ],
};
