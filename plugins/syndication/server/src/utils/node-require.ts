/**
 * Node's own `require`. sanitize-html 2.18 depends on htmlparser2 12, an ES module; Node
 * (>= 20.19) loads ES modules through require(), but Jest's module registry, which runs the
 * whole app in the API tests, cannot (and replaces `module.createRequire` with its own).
 * `process.getBuiltinModule` reaches the real `module` builtin, so the app and its tests load
 * the same libraries the same way. Falls back to the ordinary require outside Node >= 20.16.
 */
export const nodeRequire: NodeRequire =
  typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('module').createRequire(__filename) : require;
