import type { Core } from '@strapi/strapi';

/** Where this app remembers what it did once per database (as src/bootstrap/permissions.ts). */
const MARKERS = { type: 'core', name: 'union-comms' } as const;
const MARKER_KEY = 'self-registration-closed';

/** The users-permissions "Advanced settings" (Settings → Users & Permissions → Advanced settings). */
type AdvancedSettings = Record<string, unknown> & { allow_register?: boolean; email_confirmation?: boolean };

/**
 * Closes website self-registration once per database. users-permissions creates its settings
 * with registration open and no e-mail confirmation, so anyone could create a member account
 * (and with it the Authenticated role's permissions) with an address they do not own. This app
 * has no member area, so registration starts closed; should an administrator open it in the
 * advanced settings, new accounts have to confirm their e-mail address first.
 *
 * Done once: the store remembers it, so an administrator who later opens registration keeps
 * that choice across restarts.
 */
export const closeSelfRegistrationOnce = async (strapi: Core.Strapi): Promise<void> => {
  const markers = strapi.store(MARKERS);
  if (await markers.get({ key: MARKER_KEY })) return;
  const settings = strapi.store({ type: 'plugin', name: 'users-permissions' });
  // Created by the users-permissions bootstrap, which runs before the app's.
  const advanced = ((await settings.get({ key: 'advanced' })) as AdvancedSettings | null) ?? {};
  await settings.set({ key: 'advanced', value: { ...advanced, allow_register: false, email_confirmation: true } });
  await markers.set({ key: MARKER_KEY, value: { at: new Date().toISOString() } });
};
