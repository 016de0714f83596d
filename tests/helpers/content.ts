import type { Core } from '@strapi/strapi';

/** A full-access API token, as an integration (or an editor's script) would use. */
export const createFullAccessToken = async (strapi: Core.Strapi): Promise<string> => {
  const token = await strapi.service('admin::api-token').create({
    name: `test-${Math.random().toString(36).slice(2)}`,
    description: 'created by the API tests',
    type: 'full-access',
    lifespan: null,
  });
  return (token as { accessKey: string }).accessKey;
};

/** Private values of the demo participants: none may ever appear in a public response. */
export const PRIVATE_VALUES = ['t.kubasheva@example.org', '+7 700 000 00 01', 'no-consent@example.org', '+39 000 000 0000'];

/** The non-consenting demo participant's name: it must never appear either. */
export const NON_CONSENTING_NAME = 'Demo participant without consent';

/** Keys that must never appear in a public response (private fields, admin users). */
export const FORBIDDEN_KEYS = ['email', 'phone', 'createdBy', 'updatedBy', 'password', 'resetPasswordToken', 'registrationToken'];

/** Every key and every string value in a JSON document, at any depth. */
export const walkJson = (value: unknown, keys: Set<string> = new Set(), strings: string[] = []): { keys: Set<string>; strings: string[] } => {
  if (Array.isArray(value)) value.forEach((item) => walkJson(item, keys, strings));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      keys.add(key);
      walkJson(child, keys, strings);
    }
  } else if (typeof value === 'string') strings.push(value);
  return { keys, strings };
};

/** What a leak scan found in one response body: forbidden keys and private values. */
export const findLeaks = (body: unknown): string[] => {
  const { keys, strings } = walkJson(body);
  return [
    ...FORBIDDEN_KEYS.filter((key) => keys.has(key)).map((key) => `key "${key}"`),
    ...[...PRIVATE_VALUES, NON_CONSENTING_NAME].filter((value) => strings.some((s) => s.includes(value))).map((value) => `value "${value}"`),
  ];
};
