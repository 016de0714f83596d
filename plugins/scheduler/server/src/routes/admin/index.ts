import { PERMISSIONS } from '../../permissions';

/**
 * Admin API (prefix `/scheduler`): an authenticated admin with the plugin's permission; creating
 * and cancelling also check the Content Manager's publish permission on the document
 * (services/scheduled-actions). Nothing here is reachable with content API tokens or by the public.
 */
const guarded = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET' as const, path: '/content-types', handler: 'scheduled-actions.findContentTypes', config: guarded(PERMISSIONS.read) },
    { method: 'GET' as const, path: '/actions', handler: 'scheduled-actions.find', config: guarded(PERMISSIONS.read) },
    { method: 'POST' as const, path: '/actions', handler: 'scheduled-actions.create', config: guarded(PERMISSIONS.manage) },
    { method: 'POST' as const, path: '/actions/:id/cancellation', handler: 'scheduled-actions.createCancellation', config: guarded(PERMISSIONS.manage) },
  ],
};
