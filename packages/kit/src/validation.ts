import { errors, yup } from '@strapi/utils';

/** One thing wrong with the input: where (`['pagination', 'pageSize']`; `[]`: the input as a whole) and what. */
export type Problem = { path: string[]; message: string };

/**
 * THE shape of every validation error of the app and its plugins (answered 400):
 *
 *     { "error": { "status": 400, "name": "ValidationError",
 *                  "message": "<the problem's message>" | "<n> errors occurred",
 *                  "details": { "errors": [{ "path": ["locale"], "message": "…", "name": "ValidationError" }] } } }
 *
 * Strapi's own shape for a failed yup validation (`formatYupErrors` in @strapi/utils), without
 * the rejected `value` echoed back. `details.errors` always lists at least one problem.
 */
export const validationError = (problems: readonly Problem[]): InstanceType<typeof errors.ValidationError> => {
  const list = problems.length > 0 ? problems : [{ path: [], message: 'Invalid input' }];
  const message = list.length === 1 ? list[0].message : `${list.length} errors occurred`;
  return new errors.ValidationError(message, { errors: list.map(({ path, message: text }) => ({ path, message: text, name: 'ValidationError' })) });
};

/** Throws the validation error for one problem. */
export const invalid = (message: string, path: readonly string[] = []): never => {
  throw validationError([{ path: [...path], message }]);
};

/** `a.b[2].c` (yup's paths) as `['a', 'b', '2', 'c']`. */
const splitPath = (path: string | undefined): string[] =>
  path
    ? path
        .split(/[.[\]]/)
        .map((part) => part.replace(/^["']|["']$/g, ''))
        .filter((part) => part !== '')
    : [];

/** The problems of a failed yup validation (every one with `abortEarly: false`). */
const problemsOf = (error: InstanceType<typeof yup.ValidationError>): Problem[] =>
  (error.inner.length > 0 ? error.inner : [error]).map((issue) => ({ path: splitPath(issue.path), message: issue.message }));

/** Rethrows a yup error as the validation error; anything else as it is. */
const rethrow = (error: unknown): never => {
  if (error instanceof yup.ValidationError) throw validationError(problemsOf(error));
  throw error;
};

type Schema<T> = { validateSync(value: unknown, options?: object): T; validate(value: unknown, options?: object): Promise<T> };

/**
 * Runs a yup schema (of @strapi/utils' yup) on `input`, reporting every problem; yup's errors
 * become the validation error above. Options are yup's (`strict: true`: no coercion).
 */
export const validateSync = <T>(schema: Schema<T>, input: unknown, options: { strict?: boolean } = {}): T => {
  try {
    return schema.validateSync(input, { ...options, abortEarly: false });
  } catch (error) {
    return rethrow(error);
  }
};

/** `validateSync` for schemas with asynchronous tests. */
export const validate = async <T>(schema: Schema<T>, input: unknown, options: { strict?: boolean } = {}): Promise<T> => {
  try {
    return await schema.validate(input, { ...options, abortEarly: false });
  } catch (error) {
    return rethrow(error);
  }
};
