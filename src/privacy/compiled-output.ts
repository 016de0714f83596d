import { createRequire } from 'node:module';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import { contentTypes as contentTypeUtils } from '@strapi/utils';

/**
 * Strapi's output sanitizing (`strapi.contentAPI.sanitize.output`), the same answer for less work.
 *
 * Strapi sanitizes every row of an answer with one full traversal per rule (passwords and private
 * attributes; relations the caller may not `find`), each an async walk that copies every object,
 * re-reads the schema per key and asks the permission engine per relation key per row. On a list
 * of 25 stories with their publisher and topics that is most of a cache miss's time. This does
 * both rules in one synchronous walk with a plan per schema (which keys to drop, which to follow,
 * which permission a relation needs) made once, and one decision per permission and caller; the
 * app's and plugins' own output sanitizers (`content-api.output`: the public-read rule's last
 * line, users-permissions') then run on each row exactly as Strapi runs them.
 *
 * Whatever the walk does not handle the way Strapi does (a morph relation, a value that is not a
 * plain object or a list of them) is handed to Strapi's own sanitizer, row by row. REST
 * controllers and GraphQL's association resolvers both call `strapi.contentAPI.sanitize.output`,
 * so both get this. `OPTIMISED_READS=false` at boot keeps Strapi's own (tests/api/optimised-reads
 * compares the two).
 */

type Entity = Record<string, unknown>;
type Attribute = {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  private?: boolean;
};
type Model = { uid: string; attributes: Record<string, Attribute | undefined>; options?: { populateCreatorFields?: boolean } };
type Auth = unknown;
type OutputSanitize = (data: unknown, schema: unknown, options?: { auth?: Auth }) => Promise<unknown>;
type RowSanitizer = (schema: unknown) => (data: unknown) => unknown;

/** What the walk does with a key of a schema's attributes. */
type Step =
  | { kind: 'drop' }
  | { kind: 'keep' }
  | { kind: 'relation'; scope: string; checked: boolean; morph: boolean; morphTo: boolean; roleUsers: boolean; target: string | undefined }
  | { kind: 'media' }
  | { kind: 'component'; component: string | undefined }
  | { kind: 'dynamiczone' };

const UPLOAD_FILE = 'plugin::upload.file';
const ROLE = 'plugin::users-permissions.role';
const USER = 'plugin::users-permissions.user';
const CREATOR_KEYS = new Set([contentTypeUtils.constants.CREATED_BY_ATTRIBUTE, contentTypeUtils.constants.UPDATED_BY_ATTRIBUTE]);

/** A case the walk leaves to Strapi (the row is sanitized by Strapi's own code instead). */
class NotCompiled extends Error {}

const isPlainObject = (value: unknown): value is Entity => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * users-permissions' `content-api.output` sanitizer (one more full traversal per row, which only
 * removes a role's users), so that the walk can apply its rule instead; undefined if it cannot be
 * found where this version of the plugin keeps it (it then runs as registered).
 */
const usersPermissionsSanitizer = (): unknown => {
  try {
    const load = createRequire(__filename);
    const root = path.dirname(load.resolve('@strapi/plugin-users-permissions/package.json'));
    const module = load(path.join(root, 'dist/server/utils/sanitize/sanitizers.js')) as { __require?: () => { defaultSanitizeOutput?: unknown } };
    return module.__require?.().defaultSanitizeOutput;
  } catch {
    return undefined;
  }
};

/** lodash's isObject, which traverseEntity uses to end its recursion. */
const isObjectLike = (value: unknown): boolean => (typeof value === 'object' || typeof value === 'function') && value !== null;

const stepOf = (model: Model, key: string, attribute: Attribute): Step => {
  // Strapi's defaultSanitizeOutput: remove-password, remove-private.
  if (attribute.type === 'password' || attribute.private === true || contentTypeUtils.isPrivateAttribute(model as never, key)) return { kind: 'drop' };
  if (attribute.type === 'relation') {
    const relation = attribute.relation ?? '';
    return {
      kind: 'relation',
      scope: `${attribute.target}.find`,
      // remove-restricted-relations leaves creator fields alone where the type populates them.
      checked: !(CREATOR_KEYS.has(key) && model.options?.populateCreatorFields),
      morph: relation.toLowerCase().startsWith('morph'),
      morphTo: relation.startsWith('morphTo'),
      // users-permissions' output sanitizer: a role's users are never shown.
      roleUsers: model.uid === ROLE && attribute.target === USER,
      target: attribute.target,
    };
  }
  if (attribute.type === 'media') return { kind: 'media' };
  if (attribute.type === 'component') return { kind: 'component', component: attribute.component };
  if (attribute.type === 'dynamiczone') return { kind: 'dynamiczone' };
  return { kind: 'keep' };
};

/** Rows sanitized by the walk, and rows handed to Strapi's own sanitizer instead. */
export type CompiledOutputStats = { compiled: number; handedToStrapi: number };

export const createCompiledOutputSanitizer = (
  strapi: Core.Strapi,
  strapiOutput: OutputSanitize,
  stats: CompiledOutputStats = { compiled: 0, handedToStrapi: 0 },
): OutputSanitize => {
  const getModel = (uid: string | undefined): Model | undefined => (uid === undefined ? undefined : (strapi.getModel(uid as UID.Schema) as Model | undefined));

  const plans = new WeakMap<Model, Map<string, Step>>();
  const planOf = (model: Model): Map<string, Step> => {
    let plan = plans.get(model);
    if (!plan) {
      plan = new Map();
      for (const [key, attribute] of Object.entries(model.attributes)) if (attribute) plan.set(key, stepOf(model, key, attribute));
      plans.set(model, plan);
    }
    return plan;
  };

  // One decision per permission and caller, as remove-restricted-relations keeps them (auth is
  // built once per request and not changed while its answer is sanitized).
  const decisionsByAuth = new WeakMap<object, Map<string, boolean>>();
  const decisionsOf = (auth: Auth): Map<string, boolean> => {
    if (typeof auth !== 'object' || auth === null) return new Map();
    let decisions = decisionsByAuth.get(auth);
    if (!decisions) {
      decisions = new Map();
      decisionsByAuth.set(auth, decisions);
    }
    return decisions;
  };
  const decide = async (auth: Auth, scope: string): Promise<boolean> => {
    try {
      await strapi.auth.verify(auth as never, { scope } as never);
      return true;
    } catch {
      return false;
    }
  };

  type Walk = { auth: Auth; decisions: Map<string, boolean>; missing: Set<string>; roleRule: boolean };
  const roleRuleSanitizer = usersPermissionsSanitizer();

  const walkList = (value: unknown, walkOne: (item: unknown) => unknown): unknown => (Array.isArray(value) ? value.map(walkOne) : walkOne(value));

  /** One row (or nested object) read as `model`: a copy without what the rules remove. */
  const walk = (entity: unknown, model: Model | undefined, state: Walk): unknown => {
    if (!isObjectLike(entity) || model === undefined || model === null) return entity;
    // traverseEntity copies with lodash's clone; for anything but a plain object the copy differs.
    if (!isPlainObject(entity)) throw new NotCompiled();
    const plan = planOf(model);
    const copy: Entity = {};
    for (const key of Object.keys(entity)) {
      const value = entity[key];
      const step = model.attributes[key] === undefined || model.attributes[key] === null ? undefined : plan.get(key);
      if (step === undefined) {
        copy[key] = value;
        continue;
      }
      switch (step.kind) {
        case 'drop':
          continue;
        case 'keep':
          copy[key] = value;
          continue;
        case 'relation': {
          if (step.roleUsers && state.roleRule) continue;
          if (state.auth) {
            if (step.morphTo) throw new NotCompiled();
            if (step.checked) {
              const allowed = state.decisions.get(step.scope);
              if (allowed === undefined) {
                state.missing.add(step.scope);
                continue;
              }
              if (!allowed) continue;
            }
          }
          if (value === null || value === undefined) {
            copy[key] = value;
            continue;
          }
          if (step.morph) throw new NotCompiled();
          const target = getModel(step.target);
          copy[key] = walkList(value, (item) => walk(item, target, state));
          continue;
        }
        case 'media': {
          copy[key] = value === null || value === undefined ? value : walkList(value, (item) => walk(item, getModel(UPLOAD_FILE), state));
          continue;
        }
        case 'component': {
          copy[key] = value === null || value === undefined ? value : walkList(value, (item) => walk(item, getModel(step.component), state));
          continue;
        }
        case 'dynamiczone': {
          copy[key] = Array.isArray(value)
            ? value.map((item: unknown) => (item === null || item === undefined ? item : walk(item, getModel((item as Entity).__component as string), state)))
            : value;
          continue;
        }
      }
    }
    return copy;
  };

  /** Strapi's two rules on one row: the walk, again once the permissions it met are decided. */
  const applyRules = async (row: unknown, model: Model, auth: Auth, decisions: Map<string, boolean>, roleRule: boolean): Promise<unknown> => {
    for (;;) {
      const state: Walk = { auth, decisions, missing: new Set(), roleRule };
      const result = walk(row, model, state);
      if (state.missing.size === 0) return result;
      for (const scope of state.missing) decisions.set(scope, await decide(auth, scope));
    }
  };

  /** The registered output sanitizers (content-api.output), in order; users-permissions' first one (registered first) is done by the walk. */
  const registeredOutput = (): { roleRule: boolean; after: RowSanitizer[] } => {
    const registered = (strapi.sanitizers.get('content-api.output') ?? []) as RowSanitizer[];
    const roleRule = roleRuleSanitizer !== undefined && registered[0] === roleRuleSanitizer;
    return { roleRule, after: roleRule ? registered.slice(1) : registered };
  };

  const sanitizeRow = async (
    row: unknown,
    model: Model,
    auth: Auth,
    decisions: Map<string, boolean>,
    { roleRule, after }: { roleRule: boolean; after: RowSanitizer[] },
  ): Promise<unknown> => {
    let result: unknown;
    try {
      result = await applyRules(row, model, auth, decisions, roleRule);
    } catch (error) {
      if (error instanceof NotCompiled) {
        stats.handedToStrapi += 1;
        return strapiOutput(row, model, { auth });
      }
      throw error;
    }
    stats.compiled += 1;
    for (const sanitizer of after) result = await sanitizer(model)(result);
    return result;
  };

  return async (data, schema, options = {}) => {
    if (!schema) return strapiOutput(data, schema, options);
    const model = schema as Model;
    const { auth } = options;
    const decisions = decisionsOf(auth);
    // Looked up once per answer, not per row.
    const sanitizers = registeredOutput();
    if (Array.isArray(data)) {
      const out: unknown[] = Array.from({ length: data.length });
      for (let index = 0; index < data.length; index += 1) out[index] = await sanitizeRow(data[index], model, auth, decisions, sanitizers);
      return out;
    }
    return sanitizeRow(data, model, auth, decisions, sanitizers);
  };
};

/** Whether the optimised read path is on (`OPTIMISED_READS`, read once at boot; default on). */
export const optimisedReadsEnabled = (): boolean => process.env.OPTIMISED_READS !== 'false';

/** Switches the compiled path off and on at run time (tests compare it with Strapi's own). */
export type OptimisedReads = { enabled(): boolean; setEnabled(enabled: boolean): void; stats(): CompiledOutputStats };

const CONTROL = 'union-comms.optimised-reads';

/** The switch of `strapi`; undefined when the app booted with `OPTIMISED_READS=false`. */
export const getOptimisedReads = (strapi: Core.Strapi): OptimisedReads | undefined =>
  strapi.has(CONTROL) ? (strapi.get(CONTROL) as OptimisedReads) : undefined;

/**
 * Whether the optimised read path answers now: booted with it (`OPTIMISED_READS`) and the run-time
 * switch on. The lean reads (src/database/read-transactions, known-totals) ask it per call.
 */
export const optimisedReadsOn = (strapi: Core.Strapi): boolean => getOptimisedReads(strapi)?.enabled() === true;

/** Puts the compiled sanitizer in place of Strapi's `contentAPI.sanitize.output`. */
export const registerCompiledOutputSanitizer = (strapi: Core.Strapi): void => {
  if (!optimisedReadsEnabled()) return;
  const sanitize = strapi.contentAPI.sanitize as unknown as { output: OutputSanitize };
  const strapiOutput = sanitize.output.bind(sanitize);
  const counts: CompiledOutputStats = { compiled: 0, handedToStrapi: 0 };
  const compiled = createCompiledOutputSanitizer(strapi, strapiOutput, counts);
  let enabled = true;
  sanitize.output = (data, schema, options) => (enabled ? compiled : strapiOutput)(data, schema, options);
  const control: OptimisedReads = {
    enabled: () => enabled,
    setEnabled: (value) => {
      enabled = value;
    },
    stats: () => ({ ...counts }),
  };
  strapi.add(CONTROL, () => control);
};
