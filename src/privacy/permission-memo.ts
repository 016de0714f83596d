import type { Core } from '@strapi/strapi';
import { optimisedReadsEnabled } from './compiled-output';

/**
 * What every content-API request spends on permissions before Strapi looks at its query,
 * done once per change instead of once per request.
 *
 * For a request without credentials, users-permissions reads the Public role's permissions
 * from the database (a join of three tables) and builds a CASL ability from them
 * (`strapi.contentAPI.permissions.engine.generateAbility`): about 3 ms of a miss, the same
 * answer every time until somebody edits the Public role.
 *
 * - **The Public role's permissions** are kept under the content fingerprint (public-cache),
 *   which covers the users-permissions permission and role tables: an edit in this process is
 *   seen by the very next request, one by another instance within the fingerprint's TTL
 *   (`CONTENT_FINGERPRINT_TTL_MS`, as for every cached public answer). Without the public-cache
 *   plugin they are read per request, as Strapi does.
 * - **Abilities** are kept per list of permissions (the list itself is the key), for every
 *   caller: the Public role, a user's role, an API token. An ability depends on nothing else
 *   (the content API's permission engine has no conditions, and its actions are registered at
 *   boot), and callers only ask it (`can`), never change it.
 *
 * `OPTIMISED_READS=false` at boot leaves both to Strapi.
 */

type Permission = { action: string; subject?: unknown; properties?: unknown; conditions?: unknown };
type Ability = unknown;
type Engine = { generateAbility(permissions: Permission[], options?: Record<string, unknown>): Promise<Ability> };
type PermissionService = { findPublicPermissions(): Promise<unknown[]> };
type Fingerprint = { current(): Promise<string> };

/** Distinct permission lists kept (roles and tokens in use); beyond it the oldest goes. */
const MAX_ABILITIES = 200;

const isEmpty = (options: Record<string, unknown> | undefined) => !options || Object.keys(options).length === 0;

/** Keeps each ability the engine builds, per list of permissions. */
const memoiseAbilities = (engine: Engine): void => {
  const build = engine.generateAbility.bind(engine);
  const kept = new Map<string, Promise<Ability>>();
  engine.generateAbility = (permissions, options) => {
    if (!isEmpty(options)) return build(permissions, options);
    const key = JSON.stringify(permissions);
    const known = kept.get(key);
    if (known) return known;
    const ability = build(permissions, options);
    kept.set(key, ability);
    // A failed build is not kept: the next request builds again (and sees the error itself).
    ability.catch(() => kept.delete(key));
    if (kept.size > MAX_ABILITIES) kept.delete(kept.keys().next().value as string);
    return ability;
  };
};

const memoisePublicPermissions = (service: PermissionService, fingerprint: Fingerprint): void => {
  const read = service.findPublicPermissions.bind(service);
  let kept: { fingerprint: string; permissions: Promise<unknown[]> } | undefined;
  service.findPublicPermissions = async () => {
    const current = await fingerprint.current();
    if (kept?.fingerprint !== current) {
      const permissions = read();
      kept = { fingerprint: current, permissions };
      permissions.catch(() => {
        if (kept?.permissions === permissions) kept = undefined;
      });
    }
    // Callers get a list of their own (the rows are only read: users-permissions maps them).
    return [...(await kept.permissions)];
  };
};

/** Installs both memos (at bootstrap: every plugin's services exist by then). */
export const memoisePermissions = (strapi: Core.Strapi): void => {
  if (!optimisedReadsEnabled()) return;
  memoiseAbilities(strapi.contentAPI.permissions.engine as unknown as Engine);
  const fingerprint = strapi.plugin('public-cache')?.service('fingerprint') as Fingerprint | undefined;
  const permissions = strapi.plugin('users-permissions')?.service('permission') as PermissionService | undefined;
  if (fingerprint && permissions) memoisePublicPermissions(permissions, fingerprint);
};
