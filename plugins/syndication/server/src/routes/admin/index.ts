import { PERMISSIONS } from '../../permissions';

/**
 * Admin API (prefix `/syndication`): an authenticated admin with the plugin's permission.
 * Nothing here is reachable with the content API's tokens or by the public.
 */
const guarded = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET' as const, path: '/partners', handler: 'partners.find', config: guarded(PERMISSIONS.read) },
    { method: 'POST' as const, path: '/partners', handler: 'partners.create', config: guarded(PERMISSIONS.manage) },
    { method: 'GET' as const, path: '/partners/:id', handler: 'partners.findOne', config: guarded(PERMISSIONS.read) },
    // Edit, pause (`{ "status": "paused" }`) and resume (`"active"`).
    { method: 'PATCH' as const, path: '/partners/:id', handler: 'partners.update', config: guarded(PERMISSIONS.manage) },
    // The same for the admin panel, whose fetch client (useFetchClient) sends PUT but has no PATCH.
    { method: 'PUT' as const, path: '/partners/:id', handler: 'partners.update', config: guarded(PERMISSIONS.manage) },
    // Rotation: a new secret is created and replaces the old one.
    { method: 'POST' as const, path: '/partners/:id/secret', handler: 'partners.createSecret', config: guarded(PERMISSIONS.manage) },
    // The secret the partner signs its pushes to our inbox with: write-only (204, never shown).
    { method: 'PUT' as const, path: '/partners/:id/inbound-secret', handler: 'partners.setInboundSecret', config: guarded(PERMISSIONS.manage) },
    { method: 'GET' as const, path: '/partners/:id/received', handler: 'received.findForPartner', config: guarded(PERMISSIONS.read) },
    // Applies an update held because an editor changed the local copy.
    { method: 'POST' as const, path: '/received/:id/acceptance', handler: 'received.createAcceptance', config: guarded(PERMISSIONS.manage) },
    { method: 'GET' as const, path: '/partners/:id/deliveries', handler: 'deliveries.findForPartner', config: guarded(PERMISSIONS.read) },
    // Redelivery: a new attempt of the same message.
    { method: 'POST' as const, path: '/deliveries/:id/attempts', handler: 'deliveries.createAttempt', config: guarded(PERMISSIONS.manage) },
    // What a partner's settings may name (organisations, topics), for the admin page's pickers.
    { method: 'GET' as const, path: '/references/:kind', handler: 'references.find', config: guarded(PERMISSIONS.read) },
    // WebSub subscriptions of our feeds, per topic; removing one stops its deliveries.
    { method: 'GET' as const, path: '/websub/subscriptions', handler: 'websub.findSubscriptions', config: guarded(PERMISSIONS.read) },
    { method: 'DELETE' as const, path: '/websub/subscriptions/:id', handler: 'websub.deleteSubscription', config: guarded(PERMISSIONS.manage) },
  ],
};
